# رسائل واجهة cogov: العربية.

## إطار الصفحة

site-description = cogov: مدخل مشترك إلى التعاون الرقمي العالمي
skip-to-content = انتقل إلى المحتوى
nav-main = التنقل الرئيسي
nav-language = اللغة
nav-breadcrumb = مسار التنقل
nav-frameworks = الأطر
nav-entries = السجلات
nav-countries = البلدان
footer-text = cogov برمجية مفتوحة المصدر. نصوص الأطر: الأمم المتحدة؛ وتذكر كل صفحة إطار وكل صفحة عنصر مصدرها.
footer-api = واجهة JSON البرمجية

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = واجهة JSON البرمجية
api-intro = يمكن للبرامج قراءة كل ما هو عام في cogov بصيغة JSON تحت ‎/api/v1. الوصف المقروء آليًا (OpenAPI 3.1) لكل عملية أدناه:
api-conventions = تُقدَّم النصوص بكل اللغات المخزّنة؛ ويضيف lang=ar أو en أو es أو fr أو ru أو zh تسمية بتلك اللغة. تقبل عوامل التصفية قيمًا مفصولة بفواصل. ويُرفض أي معامل غير معروف مع ذكر اسمه.
api-contents = أقسام الواجهة البرمجية
api-parameters = المعاملات
api-col-name = الاسم
api-col-in = الموضع
api-col-description = الوصف
api-required = إلزامي
api-errors = رموز الأخطاء
api-errors-intro = يُرَدّ على كل خطأ بمتن JSON يتضمن: error (أحد الرموز أدناه، ولا يُعاد تسميتها أبدًا)، وmessage، وfield أو errors عندما يتعلق الأمر بمعامل أو بعدة حقول.
api-col-code = الرمز
api-col-status = حالة HTTP
api-col-meaning = المعنى
api-error-not-found = الإطار أو العقدة أو المُدخَل أو البلد أو نقطة الوصول غير موجود.
api-error-invalid-parameter = معامل غير معروف أو قيمته غير مقبولة؛ ويذكر field اسمه.
api-error-validation-failed = السجل المُرسَل لم يجتز التحقق؛ ويسرد errors كل حقل.
api-error-conflict = الكتابة تتعارض مع البيانات المخزّنة، مثل معرّف مستخدم من قبل أو تعديل متزامن.
api-error-file-refused = رُفض ملف بأكمله؛ ويسرد errors كل مشكلة مع سطرها.
api-error-internal = عطل من جهتنا؛ تُسجَّل التفاصيل ولا تُرسَل.
api-error-unauthenticated = لا توجد جلسة صالحة ولا رمز وصول صالح للواجهة البرمجية.
api-error-forbidden = تم تسجيل الدخول، ولكن هذا الإجراء غير مسموح به.
api-error-rate-limited = طلبات كثيرة جدًا؛ ويبيّن Retry-After متى يمكن إعادة المحاولة.
api-error-unavailable = لا تقبل قاعدة البيانات الكتابة حاليًا (القرص ممتلئ أو للقراءة فقط)؛ ولا تزال القراءة ممكنة، ولم يُكتب شيء.
api-error-method-not-allowed = المسار موجود ولكن ليس بطريقة HTTP هذه؛ يذكر الترويس Allow الطرق المقبولة.
api-error-email-unverified = لم يؤكد الحساب عنوان بريده الإلكتروني: يمكنه القراءة وإدارة نفسه، لا الاقتراح أو المراجعة أو التأكيد أو طلب الانضمام أو إنشاء رموز كتابة. يرسل POST /api/v1/me/verification رابطًا جديدًا.
see-all = عرض الكل
next-page = الصفحة التالية

## الصفحة الرئيسية

home-title = الصفحة الرئيسية
home-heading = مدخل مشترك إلى التعاون الرقمي العالمي
home-lead = من يفعل ماذا، وأين، في إطار الأطر المشتركة: أهداف التنمية المستدامة، وخطوط عمل القمة العالمية لمجتمع المعلومات، والميثاق الرقمي العالمي، وخريطة طريق الأمين العام للتعاون الرقمي، وأعمال منتدى إدارة الإنترنت — مترابطة فيما بينها بجداول تقابل.
home-registry = السجل
home-entry-count = { $count ->
    [zero] لا توجد سجلات منشورة
    [one] سجل منشور واحد
    [two] سجلان منشوران
    [few] { $count } سجلات منشورة
    [many] { $count } سجلا منشورا
   *[other] { $count } سجل منشور
}
home-country-count = { $count ->
    [zero] لا توجد بلدان أو مناطق
    [one] بلد أو منطقة واحدة
    [two] بلدان أو منطقتان
    [few] { $count } بلدان ومناطق
    [many] { $count } بلدا ومنطقة
   *[other] { $count } بلد ومنطقة
}
home-browse-entries = تصفح السجلات
home-browse-countries = تصفح البلدان

## الأطر

frameworks-caption = الأطر المشتركة، بترتيب تحميلها
col-framework = الإطار
col-code = الرمز
col-nodes = العناصر
col-version = الإصدار
col-source = المصدر
node-count = { $count ->
    [zero] لا توجد عناصر
    [one] عنصر واحد
    [two] عنصران
    [few] { $count } عناصر
    [many] { $count } عنصرا
   *[other] { $count } عنصر
}
framework-version = الإصدار { $version }
label-source = المصدر:
label-licence = الترخيص:
framework-notes = ملاحظات النسخ
framework-structure = البنية
framework-hidden = { $count ->
    [one] يرد عنصر واحد من مستوى أدنى في صفحة العنصر الذي يندرج تحته.
    [two] يرد عنصران من مستوى أدنى في صفحات العناصر التي يندرجان تحتها.
    [few] ترد { $count } عناصر من مستويات أدنى في صفحات العناصر التي تندرج تحتها.
    [many] يرد { $count } عنصرا من مستويات أدنى في صفحات العناصر التي تندرج تحتها.
   *[other] يرد { $count } عنصر من مستويات أدنى في صفحات العناصر التي تندرج تحتها.
}
node-open = فتح { $code }

## مستويات الأطر

level-goal = الهدف
level-target = الغاية
level-indicator = المؤشر
level-line = خط العمل
level-sub-line = خط عمل فرعي
level-section = الفرع
level-objective = الهدف
level-area = المجال
level-commitment = الالتزام
level-action = الإجراء
level-recommendation = التوصية
level-recommendation-set = مجموعة توصيات
level-group = المجموعة
level-model = النموذج
level-activity = النشاط
level-activity-type = نوع النشاط

## العنصر

node-no-official-text = لم يكن أي نص رسمي متاحا عند تحميل هذا العنصر، ولذلك يُشار إليه بموقعه. ويمكن إضافة النص الرسمي باستيراد إصدار جديد من ملف الإطار.
node-official-page = الصفحة الرسمية
node-also-in = متاح أيضا بـ:
node-below = العناصر المندرجة تحته
node-crosswalks = جداول التقابل
node-no-crosswalk = لا يرتبط بهذا العنصر أي عنصر من إطار آخر.
crosswalk-direct = ارتباط مباشر
crosswalk-through = عبر
node-entries = السجلات الموسومة بهذا العنصر
node-no-entries = لا يوجد بعد أي سجل منشور موسوم بهذا العنصر أو بعنصر مندرج تحته.
node-entry-count = { $count ->
    [one] سجل منشور واحد موسوم بهذا العنصر أو بعنصر مندرج تحته.
    [two] سجلان منشوران موسومان بهذا العنصر أو بعنصر مندرج تحته.
    [few] { $count } سجلات منشورة موسومة بهذا العنصر أو بعنصر مندرج تحته.
    [many] { $count } سجلا منشورا موسوما بهذا العنصر أو بعنصر مندرج تحته.
   *[other] { $count } سجل منشور موسوم بهذا العنصر أو بعنصر مندرج تحته.
}

## السجلات

entries-title = السجلات
filter-kind = النوع
filter-any-kind = جميع الأنواع
filter-country = البلد (رمز ISO)
filter-node = عنصر من إطار
filter-submit = تصفية
entries-count = { $count ->
    [zero] لا يوجد أي سجل منشور مطابق.
    [one] سجل منشور واحد مطابق.
    [two] سجلان منشوران مطابقان.
    [few] { $count } سجلات منشورة مطابقة.
    [many] { $count } سجلا منشورا مطابقا.
   *[other] { $count } سجل منشور مطابق.
}
error-summary-title = توجد مشكلة
error-invalid-kind = «{ $value }» ليس نوعا من أنواع السجلات: يُرجى اختيار نوع من القائمة.
error-invalid-country = لا يوجد بلد رمزه «{ $value }»: يُرجى إدخال رمز ISO 3166-1 من حرفين، مثل SN.
error-invalid-node = لا يوجد عنصر «{ $value }»: تُكتب معرّفات العناصر على نحو sdg:4.1 أو gdc:1.1.1.
error-invalid-cursor = لم يعد رابط هذه الصفحة صالحا: يُرجى البدء من جديد من الصفحة الأولى.

## السجل

entry-updated = حُدّث في { $date }
entry-evidence = الدليل
entry-identifiers = المعرّفات
entry-import-flags = مشكلات وُجدت عند الاستيراد
entry-import-flags-intro = المصدر الذي استُوردت منه هذه المدخلة لا يتبع معياره بالكامل. استُوردت المدخلة كما هي؛ وهذه هي المشكلات التي وُجدت في الملف المصدر:
entry-import-flag-at = السطر { $line }، العمود { $column }
entry-history = سجل التغييرات
provenance-manual = أدخله { $by }.
provenance-imported = مستورد من { $source } ({ $id }).
provenance-suggested = اقترحه { $method }.
provenance-peer = ورد من { $instance }.

kind-actor = منظمة
kind-initiative = مبادرة
kind-dpg = منفعة عامة رقمية
kind-process = عملية أو منتدى
kind-document = وثيقة
kind-event = مناسبة

stakeholder-government = الحكومات
stakeholder-intergovernmental = المنظمات الحكومية الدولية
stakeholder-private-sector = القطاع الخاص
stakeholder-civil-society = المجتمع المدني
stakeholder-technical-community = الأوساط التقنية
stakeholder-academia = الأوساط الأكاديمية

status-draft = مسودة
status-submitted = مقدَّم
status-published = منشور
status-rejected = مرفوض
status-archived = مؤرشف

## البلدان

countries-title = البلدان والمناطق
filter-group = المجموعة
filter-all-groups = جميع البلدان والمناطق
filter-show = عرض
countries-caption = عدد البلدان والمناطق: { $count } (معيار الأمم المتحدة M49؛ أقل البلدان نموا والبلدان النامية غير الساحلية والدول الجزرية الصغيرة النامية وفق تصنيف الأمم المتحدة)
col-country = البلد أو المنطقة
col-iso = رمز ISO
col-region = المنطقة
col-subregion = المنطقة دون الإقليمية
col-groups = المجموعات
group-ldc = أقل البلدان نموا
group-lldc = البلدان النامية غير الساحلية
group-sids = الدول الجزرية الصغيرة النامية
group-ldc-name = أقل البلدان نموا
group-lldc-name = البلدان النامية غير الساحلية
group-sids-name = الدول الجزرية الصغيرة النامية
country-entries = السجلات المتعلقة بـ{ $name }
country-no-entries = لا يوجد بعد أي سجل منشور يذكر هذا البلد.
country-map-link = { $name } في خريطة تنفيذ الاتفاق الرقمي العالمي: المساهمات والتأييدات والثغرات
country-entry-count = عدد السجلات المنشورة: { $count }.

## الأخطاء

error-not-found-title = الصفحة غير موجودة
error-not-found-text = لا يوجد شيء على هذا العنوان. ربما كُتب العنوان خطأ، أو نُقلت الصفحة.
error-internal-title = حدث خطأ ما
error-internal-text = تعذر تحميل الصفحة. يُرجى المحاولة مرة أخرى لاحقا.
error-request-title = تعذر إتمام هذا الطلب
error-request-text = يتضمن العنوان قيمة لا يمكن استخدامها. يُرجى التحقق منه، أو البدء من جديد من الصفحة الرئيسية.
error-home = الذهاب إلى الصفحة الرئيسية

## التواريخ

date = { $day } { $month } { $year }
datetime = { $date }، الساعة { $time } بالتوقيت العالمي المنسق
month-1 = كانون الثاني/يناير
month-2 = شباط/فبراير
month-3 = آذار/مارس
month-4 = نيسان/أبريل
month-5 = أيار/مايو
month-6 = حزيران/يونيه
month-7 = تموز/يوليه
month-8 = آب/أغسطس
month-9 = أيلول/سبتمبر
month-10 = تشرين الأول/أكتوبر
month-11 = تشرين الثاني/نوفمبر
month-12 = كانون الأول/ديسمبر

## Search
nav-search = بحث
search-title = بحث
search-label = البحث في السجل
search-button = بحث
search-sort = الترتيب
search-sort-relevance = الأكثر صلة
search-sort-recent = الأحدث
search-count = { $count ->
    [one] عُثر على سجل واحد.
   *[other] عُثر على { $count } من السجلات.
}
search-nothing = لا توجد نتائج. تحقق من الإملاء أو استخدم كلمات أقل أو أزل أحد عوامل التصفية.
search-active-filters = عوامل التصفية:
search-remove-filter = إزالة عامل التصفية هذا
search-refine = تضييق النتائج
search-more-values = و{ $count } غيرها
search-next = النتائج التالية
search-depth-capped = لا يمكن تصفح سوى أول 1000 نتيجة: أضف كلمات أو عوامل تصفية لتضييق البحث.
search-facet-kind = النوع
search-facet-node = الإطار
search-facet-country = البلد
search-facet-region = المنطقة
search-facet-group = مجموعة البلدان
search-facet-stakeholder = فئة أصحاب المصلحة
search-facet-language = اللغة
search-facet-status = الحالة
home-search = البحث في السجل

## GDC implementation map

nav-map = خريطة الاتفاق الرقمي
map-nav = خريطة التنفيذ
map-nav-heatmap = التغطية
map-nav-world = خريطة العالم
map-nav-gaps = الثغرات
map-nav-endorsements = التأييدات
map-nav-report = تقرير التقدم
map-heatmap-title = الاتفاق الرقمي العالمي: خريطة التنفيذ
map-heatmap-lead = عدد المساهمات المنشورة: { $count }، محسوبة لكل التزام من التزامات الاتفاق.
map-heatmap-caption = المساهمات حسب الالتزام. تُعرض التغطية الضمنية (السجلات الموسومة بعقدة مرتبطة من أهداف التنمية المستدامة أو القمة العالمية لمجتمع المعلومات) على حدة ولا تدخل في المجموع.
map-col-commitment = الالتزام
map-col-total = المجموع
map-col-implied = ضمنية (خارج المجموع)
map-col-country = البلد أو المنطقة
map-col-contributions = المساهمات
map-col-title = العنوان
map-col-why = سبب الثغرة
map-col-measure = العدد حسب
map-col-node = العقدة
map-col-entry = السجل
map-col-kind = النوع
map-col-tags = الوسوم المرتبطة
map-col-group = فئة أصحاب المصلحة
map-col-endorsements = التأييدات
map-col-region = المنطقة
map-col-objective = الهدف
map-col-covered = الالتزامات التي لها مساهمات
map-col-when = التاريخ
map-col-who = من
map-col-fields = الحقول المعدلة
map-col-contribution = المساهمة
map-col-contributor = المساهِم
map-col-commitments = الالتزامات
map-col-progress = مرحلة التنفيذ
map-col-period = الفترة
map-col-countries = البلدان
map-col-evidence = الأدلة
map-col-actor = المنظمة
map-col-date = التاريخ
map-col-objectives = الأهداف
map-world-title = المساهمات حسب البلد
map-world-alt = خريطة العالم: البلدان ملونة حسب عدد المساهمات؛ ويبين الجدول أدناه الأرقام.
map-world-caption = المساهمات المنشورة النافذة في كل بلد (تُحسب المساهمة في كل بلد تذكره)
map-world-credit = الحدود: Natural Earth (ملك عام)؛ ولا تعني أي رأي بشأن المركز القانوني لأي بلد أو إقليم.
map-gaps-title = الثغرات: التزامات بلا مساهمات أو بمساهمات قليلة
map-gaps-lead = يُدرج الالتزام إذا كان عدد مساهماته { $few } على الأكثر إجمالاً أو لأقل البلدان نموا أو للدول الجزرية الصغيرة النامية.
map-gaps-caption = الالتزامات التي فيها ثغرات، بترتيب الاتفاق
map-gap-none = لا مساهمات
map-gap-few = مساهمات قليلة
map-gap-ldc = قليلة أو منعدمة لأقل البلدان نموا
map-gap-sids = قليلة أو منعدمة للدول الجزرية الصغيرة النامية
map-commitment-title = الالتزام
map-commitment-counts = المساهمات المنشورة حسب مرحلة التنفيذ وفئة أصحاب المصلحة والمنطقة ومجموعة البلدان
map-commitment-contributions = المساهمات في هذا الالتزام
map-commitment-crosswalk = أهداف التنمية المستدامة وخطوط عمل القمة العالمية لمجتمع المعلومات المرتبطة
map-commitment-implied = التغطية الضمنية: { $count } من السجلات المنشورة الموسومة بعقدة مرتبطة (ليست مساهمات)
map-country-title = الاتفاق الرقمي العالمي
map-country-contributions = المساهمات النافذة هنا
map-country-endorsements = تأييدات المنظمات التي مقرها هنا
map-country-gaps = الثغرات: التزامات لها { $few } مساهمات على الأكثر في هذا البلد
map-endorsements-title = تأييدات الاتفاق الرقمي العالمي
map-endorsements-lead = عدد التأييدات المنشورة المطابقة: { $count }.
map-endorsements-by-group = حسب فئة أصحاب المصلحة
map-endorsements-by-region = حسب المنطقة (تُحسب المنظمة في كل منطقة توجد فيها)
map-endorsements-list = المنظمات المؤيدة
map-region-none = غير محددة ببلد
map-group-none = مبادرات (بلا فئة)
map-report-title = تقرير التقدم
map-report-lead = المساهمات الجارية والتأييدات المقدمة من { $from } إلى { $to }. اطبع هذه الصفحة للحصول على نسخة ورقية.
map-report-objectives = حسب الهدف
map-report-contributions = المساهمات الجارية خلال الفترة
map-report-endorsements = التأييدات خلال الفترة
map-contribution-title = مساهمة في الاتفاق الرقمي العالمي
map-contribution-summary = ملخص
map-contribution-history = السجل التاريخي
map-contributions-caption = { $title } ({ $count })
progress-planned = مخطط لها
progress-ongoing = جارية
progress-completed = منجزة
evidence-self-declared = مُعلنة ذاتيا
evidence-documented = موثقة
evidence-verified = مُتحقق منها
map-filter-any = الكل
map-filter-by = الأعمدة
map-filter-evidence = الحد الأدنى للأدلة
map-filter-dev = مجموعة البلدان
map-filter-from = من (سنة-شهر-يوم)
map-filter-to = إلى (سنة-شهر-يوم)
map-filter-few = القليل يعني على الأكثر
map-filter-apply = عرض
map-sample-note = يعرض هذا الموقع عينة توضيحية: مساهمات المنظمات الموسومة «illustrative sample» وتأييداتها ليست إعلانات حقيقية.
map-legend = مفتاح الألوان:
map-export = تنزيل هذا العرض:
map-objective-n = الهدف { $n }
map-action-contribute = الإعلان عن مساهمة
map-action-endorse = تأييد الاتفاق
map-action-history = السجل العام لهذه المساهمة
map-action-correct = اقتراح تصحيح أو تحديث للتقدم المحرز
contribute-title = الإعلان عن مساهمة في الاتفاق الرقمي العالمي
contribute-correct-title = اقتراح تصحيح لهذه المساهمة
contribute-intro = اذكر ما تقوم به منظمتك أو مبادرتك من أجل التزام واحد أو أكثر من التزامات الاتفاق. يراجعها المشرفون قبل نشرها، ويظهر قرارهم وسببه في السجل العام للمساهمة. يظهر اسمك المعروض مع الاقتراح.
endorse-title = تأييد الاتفاق الرقمي العالمي
endorse-intro = تؤيد المنظمة الاتفاق مرة واحدة، مع التاريخ والأهداف التي تدعمها. يراجع المشرفون التأييد قبل نشره في القائمة العامة.
mapform-revise-title = تنقيح اقتراحك
mapform-direct = بصفتك محررًا لـ { $orgs }، يُنشر ما تعلنه باسمها فورًا دون مراجعة.
mapform-your-orgs = المنظمات التي أنت عضو فيها (استخدم اسمها المختصر): { $orgs }.
mapform-no-translation = بدون ترجمة
mapform-choose = اختر
mapform-verified-moderators = لا يمكن إلا للمشرفين وسم مساهمة بأنها متحقق منها.
mapform-history-contribution = كل تغيير في هذه المساهمة وكل مراجعة لاقتراح بشأنها: من ومتى ولماذا.
mapform-history-endorsement = كل تغيير في هذا التأييد وكل مراجعة لاقتراح بشأنه: من ومتى ولماذا.
mapform-endorsement-by = تأييد من { $actor }
mapform-error-unknown_entry = لا توجد في السجل منظمة أو مبادرة باسم «{ $value }».
mapform-error-not_allowed = لا يصلح «{ $value }» هنا: المساهمات تأتي من المنظمات أو المبادرات، والتأييدات من المنظمات.
mapform-error-unknown_commitment = «{ $value }» ليس التزامًا من التزامات الاتفاق الرقمي العالمي.
mapform-error-unknown_node = لا توجد عقدة «{ $value }».
mapform-error-unknown_country = لا يوجد بلد بالرمز «{ $value }».
mapform-error-invalid_url = «{ $value }» ليس عنوان ويب يبدأ بـ http:// أو https://.
mapform-error-ends_before_start = تنتهي الفترة قبل أن تبدأ.
mapform-error-invalid_date = «{ $value }» ليس تاريخًا (سنة-شهر-يوم).
mapform-error-evidence_required = يتطلب هذا المستوى رابط إثبات واحدًا على الأقل.
mapform-error-moderators_only = لا يمكن إلا للمشرفين وسم مساهمة بأنها متحقق منها.
mapform-error-duplicate = «{ $value }» مذكور مرتين.
mapform-error-unknown_objective = «{ $value }» ليس هدفًا من أهداف الاتفاق.
mapform-error-already_endorsed = سبق أن أيدت «{ $value }» الاتفاق.
mapform-error-unchanged = هذا الاقتراح لا يغيّر شيئًا.
field-contribute-contributor = المنظمة أو المبادرة
field-contribute-contributor-hint = اسمها المختصر في السجل (كما في عنوانها، مثل ministry-of-ict)، أو معرّفها.
field-contribute-commitments = الالتزامات
field-contribute-commitments-hint = اختر كل التزام تعمل المساهمة من أجله.
field-contribute-sdg_targets = غايات أهداف التنمية المستدامة (اختياري)
field-contribute-sdg_targets-hint = رموز تفصل بينها فواصل، مثل 4.1، 9.c.
field-contribute-wsis_lines = خطوط عمل القمة العالمية لمجتمع المعلومات (اختياري)
field-contribute-wsis_lines-hint = رموز تفصل بينها فواصل، مثل C3، C7.
field-contribute-text_lang = لغة العنوان والوصف
field-contribute-title = العنوان
field-contribute-description = الوصف
field-contribute-description-hint = ما يُنجز، ولمن، وأين؛ والنتائج حتى الآن.
field-contribute-lang2 = الترجمة: اللغة
field-contribute-lang2-hint = اختياري: العنوان والوصف بلغة ثانية.
field-contribute-title2 = الترجمة: العنوان
field-contribute-description2 = الترجمة: الوصف
field-contribute-start = تاريخ البدء
field-contribute-start-hint = سنة-شهر-يوم، مثل 2025-03-01.
field-contribute-end = تاريخ الانتهاء (اختياري)
field-contribute-end-hint = اتركه فارغًا إن لم يكن له موعد انتهاء.
field-contribute-progress = التقدم
field-contribute-countries = البلدان التي تُنفّذ فيها
field-contribute-countries-hint = رموز ISO من حرفين تفصل بينها فواصل، مثل SN، KE؛ فارغ إن لم تخص بلدًا بعينه.
field-contribute-evidence = روابط الإثبات
field-contribute-evidence-hint = عنوان واحد في كل سطر، يليه اختياريًا مسافة ووصف.
field-contribute-evidence_level = مستوى الإثبات
field-contribute-evidence_level-hint = معلن ذاتيًا، أو موثق بروابط إثبات عامة.
field-contribute-message = ملاحظة للمشرفين
field-contribute-message-hint = السبب ومصادرك (اختياري).
field-endorse-actor = المنظمة
field-endorse-actor-hint = اسمها المختصر في السجل (كما في عنوانها)، أو معرّفها.
field-endorse-date = تاريخ التأييد
field-endorse-date-hint = سنة-شهر-يوم، مثل 2025-03-01.
field-endorse-objectives = الأهداف المدعومة
field-endorse-objectives-hint = اختر هدفًا واحدًا على الأقل.
field-endorse-statement_lang = لغة البيان
field-endorse-statement = البيان (اختياري)
field-endorse-message = ملاحظة للمشرفين
field-endorse-message-hint = السبب ومصادرك (اختياري).

## الحسابات (الأشخاص والثقة)
nav-sign-in = تسجيل الدخول
nav-sign-out = تسجيل الخروج
nav-account = الحساب
nav-admin = الإدارة
form-errors-title = يُرجى تصحيح ما يلي
form-error-required = هذا الحقل مطلوب.
form-error-invalid = هذه القيمة غير صالحة.
form-error-too_short = قصيرة جدًا: 12 حرفًا على الأقل.
form-error-too_long = طويل جدًا.
form-error-mismatch = هذه ليست كلمة مرورك.
form-error-self = لا يمكنك فعل ذلك بحسابك.
form-error-not_member = لا يمكنك التصرف إلا باسم منظمة أنت عضو فيها.
form-error-unknown_org = لا توجد منظمة بهذا الاسم.
form-error-sign_in_refused = عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين، أو أن الحساب مقفل مؤقتًا بعد محاولات كثيرة.
field-email = عنوان البريد الإلكتروني
field-name = الاسم المعروض
field-name-hint = يظهر بجانب مساهماتك.
field-password = كلمة المرور
field-password-hint = 12 حرفًا على الأقل.
field-token_name = اسم الرمز
field-scope = النطاق
field-confirm = كلمة مرورك، للتأكيد
field-reason = السبب
sign-in-title = تسجيل الدخول
sign-in-submit = تسجيل الدخول
sign-in-register = إنشاء حساب
sign-in-forgot = هل نسيت كلمة المرور؟
sign-in-or = أو:
oidc-sign-in-with = تسجيل الدخول عبر { $name }
oidc-error-title = تعذّر تسجيل الدخول عبر مقدّم الهوية
oidc-error-back = العودة إلى صفحة تسجيل الدخول
oidc-error-not_configured = لا يتيح هذا الموقع تسجيل الدخول عبر مقدّم هوية آخر.
oidc-error-state = لم يعد تسجيل الدخول هذا صالحاً: فقد استُخدم من قبل أو انتهت صلاحيته أو بدأ في متصفح آخر. ابدأ من جديد من صفحة تسجيل الدخول.
oidc-error-denied = ألغيت تسجيل الدخول لدى مقدّم الهوية. لم يتغيّر شيء.
oidc-error-provider = أرسل مقدّم الهوية رداً لا يستطيع هذا الموقع استخدامه. حاول لاحقاً، وإذا تكرّر ذلك فأبلغ مديري الموقع.
oidc-error-unreachable = تعذّر الوصول إلى مقدّم الهوية. حاول بعد بضع دقائق، أو سجّل الدخول بعنوان بريدك الإلكتروني وكلمة المرور.
oidc-error-token = تعذّر التحقق من ردّ مقدّم الهوية، لذا لم يُسجَّل دخولك. ابدأ من جديد من صفحة تسجيل الدخول.
oidc-error-no_email = لم يشارك مقدّم الهوية عنوان بريد إلكتروني، وهو ما يحتاجه الحساب هنا. اسمح له بمشاركة عنوانك وحاول مرة أخرى.
oidc-error-email_taken = يوجد حساب بهذا العنوان الإلكتروني بالفعل. سجّل الدخول بكلمة مروره؛ ولا يمكن ربطه بمقدّم الهوية إلا إذا كان العنوان مُتحقَّقاً منه لدى الطرفين.
oidc-error-banned = هذا الحساب موقوف.
register-title = إنشاء حساب
register-intro = سنرسل رابطًا لتأكيد عنوان بريدك الإلكتروني.
register-submit = إنشاء الحساب
register-done = شكرًا. إذا كان من الممكن استخدام هذا العنوان فستصلك رسالة: افتح الرابط الذي فيها لتأكيد العنوان.
verify-title = تأكيد عنوان بريدك الإلكتروني
verify-done = تم تأكيد عنوان بريدك الإلكتروني.
verify-failed = لم يعد هذا الرابط صالحًا (استُخدم أو انتهت صلاحيته).
verify-resend = إرسال رابط تأكيد جديد
verify-resent = رابط تأكيد جديد في طريقه إلى عنوانك. يعمل مرة واحدة، خلال 48 ساعة.
error-unverified-title = أكِّد عنوان بريدك الإلكتروني أولًا
error-unverified-text = يمكنك الاطلاع على كل شيء وإدارة حسابك، لكن لا يمكنك اقتراح السجلات أو مراجعتها أو تأكيدها أو طلب الانضمام إلى منظمة أو إنشاء رموز كتابة إلا بعد تأكيد عنوان بريدك الإلكتروني. افتح الرابط الذي أرسلناه إليك، أو اطلب رابطًا جديدًا.
error-parameter = يتضمن العنوان معلَمة لا يمكن استخدامها هنا: «{ $name }». احذفها أو صحِّحها.
forgot-title = إعادة تعيين كلمة المرور
forgot-intro = أدخل عنوان حسابك: سنرسل رابطًا لاختيار كلمة مرور جديدة.
forgot-submit = إرسال الرابط
forgot-done = إذا كان هناك حساب يستخدم هذا العنوان فستصله رسالة فيها رابط.
reset-title = اختيار كلمة مرور جديدة
reset-submit = حفظ كلمة المرور
reset-done = تم تغيير كلمة مرورك وتسجيل خروجك من كل مكان. يمكنك الآن تسجيل الدخول.
account-title = حسابك
account-unverified = العنوان لم يُؤكَّد بعد
account-profile = الملف الشخصي
account-save = حفظ
account-sessions = الأماكن التي سجّلت الدخول منها
account-session-device = المتصفح
account-session-since = منذ
account-session-seen = آخر نشاط
account-session-current = هذا المتصفح
account-revoke = إلغاء
account-tokens = رموز واجهة البرمجة
account-token-used = آخر استخدام
account-token-revoked = ملغى
account-token-create = إنشاء رمز
account-token-created = رمزك الجديد: انسخه الآن، فلن يُعرض مرة أخرى.
account-data = بياناتك
account-export = تنزيل بياناتك الشخصية (JSON)
account-delete = حذف حسابك
role-user = مستخدم
role-moderator = مشرف
role-admin = مدير
admin-users-title = الحسابات
admin-users-count = { $count ->
    [zero] لا حسابات
    [one] حساب واحد
    [two] حسابان
    [few] { $count } حسابات
   *[other] { $count } حساب
}
admin-role = الدور
admin-actions = الإجراءات
admin-banned = محظور
admin-set-role = تغيير الدور
admin-ban = حظر
admin-unban = رفع الحظر
admin-audit-title = سجل التدقيق
admin-audit-when = متى
admin-audit-who = من
admin-audit-action = الإجراء
admin-audit-target = بشأن
admin-audit-older = أحداث أقدم

## Submission and review (pages)

nav-review = قائمة المراجعة
entry-stale = قد يكون قديمًا:
entry-stale-since = لم يؤكده القائمون عليه منذ { $date }.
entry-stale-label = قد يكون قديمًا
entry-confirm = تأكيد أن هذا المدخل لا يزال دقيقًا
entry-history-full = السجل العام الكامل، مع المراجعات والأسباب
history-title = السجل العام
history-intro = كل تغيير في هذا المدخل وكل مراجعة لمقترح بشأنه: من ومتى ولماذا.
history-empty = لا يوجد سجل بعد.
history-why = السبب:
history-revision = المراجعة { $number }
history-status-change = الحالة: { $from } ← { $to }
history-status-set = الحالة: { $to }
history-submitted = تم تقديم المقترح
history-changes_requested = طُلبت تعديلات
history-resubmitted = تم تعديل المقترح
history-approved = تمت الموافقة على المقترح
history-rejected = تم رفض المقترح
history-withdrawn = تم سحب المقترح
history-published_directly = نشره مباشرةً محرر في المنظمة
review-title = قائمة المراجعة
review-empty = لا توجد مقترحات بانتظار المراجعة.
review-col-proposal = المقترح
review-col-what = النوع
review-col-by = مقدَّم من
review-col-at = تاريخ التقديم
proposal-target-entry = مدخل
proposal-target-contribution = مساهمة في الاتفاق الرقمي العالمي
proposal-target-endorsement = تأييد الاتفاق الرقمي العالمي
proposal-edit = تعديل { $target } موجود
proposal-new = { $target } جديد
proposal-title = المقترح
proposal-by = مقدَّم من
proposal-record = السجل المنشور
proposal-message = ملاحظة مقدم المقترح
proposal-changes = التغييرات المقترحة
proposal-no-changes = لا يغيّر هذا المقترح أي حقل.
proposal-col-field = الحقل
proposal-col-before = الآن
proposal-col-after = المقترح
proposal-events = مسار المراجعة
proposal-state-pending = بانتظار المراجعة
proposal-state-changes_requested = طُلبت تعديلات
proposal-state-approved = تمت الموافقة
proposal-state-rejected = مرفوض
proposal-state-withdrawn = مسحوب
proposal-state-published = نُشر مباشرةً
decision-title = قرارك
field-decision-reason = السبب
field-decision-reason-hint = مطلوب للرفض أو لطلب تعديلات؛ ويظهر علنًا في السجل.
decision-approve = الموافقة والنشر
decision-request-changes = طلب تعديلات
decision-reject = رفض
decision-error-reason-required = السبب: اذكر سببًا للرفض أو لطلب التعديلات.
decision-error-decision-required = اختر الموافقة أو طلب التعديلات أو الرفض.
decision-error-conflict = لم يعد ممكنًا البت في هذا المقترح بهذه الطريقة: فقد بُتّ فيه، أو تغيّر السجل منذ تقديمه (اطلب من مقدمه تعديله).
review-count = { $count ->
    [one] مقترح واحد بانتظار المراجعة، الأقدم أولًا.
   *[other] عدد المقترحات بانتظار المراجعة: { $count }، الأقدم أولًا.
}
nav-propose = اقتراح مدخل
entry-propose-edit = اقتراح تصحيح لهذا المدخل
propose-new-title = اقتراح مدخل جديد
propose-edit-title = اقتراح تعديل
propose-intro = يراجع المشرفون كل مقترح قبل نشره؛ ويظهر قرارهم وسببه في السجل العام للمدخل. يُعرض اسمك الظاهر مع المقترح.
propose-choose-kind = اختر النوع
propose-honeypot = اترك هذا الحقل فارغًا
propose-submit = إرسال للمراجعة
field-propose-kind = النوع
field-propose-kind-hint = ما يصفه المدخل: منظمة أو مبادرة أو منفعة رقمية عامة…
field-propose-org = التصرف باسم
field-propose-org-hint-direct = اقترح باسمك، أو باسم منظمة أنت من محرريها: عندئذ يُنشر فورًا باسم المنظمة.
field-propose-org-hint-review = اقترح باسمك، أو باسم منظمة أنت من محرريها: يخضع الاقتراح لمراجعة المشرفين في الحالتين.
propose-org-self = أنا
field-propose-title = العنوان
field-propose-title-hint = الاسم بلغته الأصلية أو بلغة هذه الصفحة.
field-propose-summary = الملخص
field-propose-summary-hint = بضع جمل: ماذا يفعل، ولمن، وأين.
field-propose-website = الموقع الإلكتروني
field-propose-website-hint = عنوان يبدأ بـ https:// أو http://.
field-propose-countries = البلدان
field-propose-countries-hint = رموز ISO من حرفين مفصولة بفواصل، مثل SN, KE.
field-propose-tags = عُقد الأُطر
field-propose-tags-hint = معرّفات العُقد مفصولة بفواصل، مثل sdg:4.1, gdc:1.1.1.
field-propose-message = ملاحظة للمشرفين
field-propose-message-hint = سبب هذا التغيير ومصادرك (اختياري).
propose-error-unknown_country = لا يوجد بلد بالرمز «{ $value }».
propose-error-unknown_node = لا توجد عقدة «{ $value }».
propose-error-invalid_url = «{ $value }» ليس عنوان ويب يبدأ بـ http:// أو https://.
propose-error-unchanged = هذا التعديل لا يغيّر شيئًا.
nav-mine = مقترحاتي
mine-title = مقترحاتي
mine-empty = لم تقترح شيئًا بعد.
mine-col-state = الحالة
mine-col-reason = آخر سبب من المشرف
mine-col-at = آخر تغيير
proposal-revise = تعديل هذا المقترح
proposal-withdraw = سحب هذا المقترح
propose-revise-title = تعديل مقترحك
entry-members = الأعضاء والانضمام
members-title = أعضاء المنظمة
members-col-name = الاسم
members-col-role = الدور
members-col-since = منذ
members-col-actions = الإجراءات
members-remove = إزالة
members-join-title = طلب الانضمام إلى هذه المنظمة
members-join-submit = إرسال الطلب
members-join-pending = طلب انضمامك بانتظار محرر في المنظمة.
members-add-title = إضافة عضو أو تغيير دور
members-add-submit = حفظ
members-requests-title = طلبات الانضمام
members-requests-empty = لا توجد طلبات معلّقة.
members-request-approve = قبول كعضو
members-request-decline = رفض
member-role-member = عضو
member-role-editor = محرر
field-member-person = البريد الإلكتروني للشخص
field-member-person-hint = عنوان حسابه في cogov.
field-member-role = الدور
field-member-message = رسالة إلى المحررين
field-member-message-hint = من أنت في المنظمة (اختياري).
member-error-unknown_account = لا يوجد حساب بهذا العنوان: على الشخص التسجيل أولًا.
member-error-last_editor = لا يمكن إزالة آخر محرر: عيّن محررًا آخر أولًا.
