# Сообщения интерфейса cogov: русский язык.

## Рамка страницы

site-description = cogov: единая точка входа в глобальное цифровое сотрудничество
skip-to-content = Перейти к содержанию
nav-main = Основная навигация
nav-language = Язык
nav-breadcrumb = Навигационная цепочка
nav-frameworks = Рамочные документы
nav-entries = Записи
nav-countries = Страны
footer-text = cogov — свободное программное обеспечение. Тексты рамочных документов: Организация Объединенных Наций; на каждой странице документа и элемента указан источник.
footer-api = API в формате JSON

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = API в формате JSON
api-intro = Программы могут читать всё общедоступное в cogov в формате JSON по адресу /api/v1. Машиночитаемое описание (OpenAPI 3.1) каждой операции ниже:
api-conventions = Тексты выдаются на всех сохранённых языках; lang=ar, en, es, fr, ru или zh добавляет подпись на этом языке. Фильтры принимают значения через запятую. Неизвестный параметр отклоняется с указанием его имени.
api-contents = Разделы API
api-parameters = Параметры
api-col-name = Имя
api-col-in = Где
api-col-description = Описание
api-required = обязательный
api-errors = Коды ошибок
api-errors-intro = Каждая ошибка возвращается с телом JSON: error (один из кодов ниже, они никогда не переименовываются), message, а также field или errors, если речь идёт о параметре или нескольких полях.
api-col-code = Код
api-col-status = Статус HTTP
api-col-meaning = Значение
api-error-not-found = Рамочный документ, узел, запись, страна или адрес не существует.
api-error-invalid-parameter = Параметр неизвестен или его значение недопустимо; field называет его.
api-error-validation-failed = Отправленная запись не прошла проверку; errors перечисляет каждое поле.
api-error-conflict = Запись противоречит сохранённым данным, например занятый идентификатор или одновременная правка.
api-error-file-refused = Файл отклонён целиком; errors перечисляет каждую проблему с номером строки.
api-error-internal = Сбой на нашей стороне; подробности записаны в журнал и не передаются.
api-error-unauthenticated = Нет действующего сеанса или токена API.
api-error-forbidden = Вход выполнен, но это действие не разрешено.
api-error-rate-limited = Слишком много запросов; Retry-After сообщает, когда повторить.
api-error-unavailable = База данных сейчас не принимает запись (диск заполнен или доступен только для чтения); чтение работает, ничего не записано.
api-error-method-not-allowed = Путь существует, но не для этого метода HTTP; заголовок Allow перечисляет допустимые методы.
api-error-email-unverified = Учётная запись не подтвердила адрес электронной почты: она может читать и управлять собой, но не предлагать, рассматривать, подтверждать, просить о вступлении и создавать токены записи. POST /api/v1/me/verification отправляет новую ссылку.
see-all = Показать все
next-page = Следующая страница

## Главная

home-title = Главная
home-heading = Единая точка входа в глобальное цифровое сотрудничество
home-lead = Кто, что и где делает в рамках общих документов: целей в области устойчивого развития, направлений деятельности ВВУИО, Глобального цифрового договора, Дорожной карты Генерального секретаря по цифровому сотрудничеству и работы Форума по вопросам управления Интернетом, — связанных между собой таблицами соответствия.
home-registry = Реестр
home-entry-count = { $count ->
    [one] { $count } опубликованная запись
    [few] { $count } опубликованные записи
   *[other] { $count } опубликованных записей
}
home-country-count = { $count ->
    [one] { $count } страна или территория
    [few] { $count } страны и территории
   *[other] { $count } стран и территорий
}
home-browse-entries = Просмотреть записи
home-browse-countries = Просмотреть страны

## Рамочные документы

frameworks-caption = Общие рамочные документы в порядке загрузки
col-framework = Рамочный документ
col-code = Код
col-nodes = Элементы
col-version = Версия
col-source = Источник
node-count = { $count ->
    [one] { $count } элемент
    [few] { $count } элемента
   *[other] { $count } элементов
}
framework-version = версия { $version }
label-source = Источник:
label-licence = Лицензия:
framework-notes = Примечания к транскрипции
framework-structure = Структура
framework-hidden = { $count ->
    [one] Ещё { $count } элемент более низкого уровня указан на странице вышестоящего элемента.
    [few] Ещё { $count } элемента более низких уровней указаны на страницах вышестоящих элементов.
   *[other] Ещё { $count } элементов более низких уровней указаны на страницах вышестоящих элементов.
}
node-open = Открыть { $code }

## Уровни рамочных документов

level-goal = Цель
level-target = Задача
level-indicator = Показатель
level-line = Направление деятельности
level-sub-line = Поднаправление
level-section = Раздел
level-objective = Цель
level-area = Область
level-commitment = Обязательство
level-action = Мера
level-recommendation = Рекомендация
level-recommendation-set = Группа рекомендаций
level-group = Группа
level-model = Модель
level-activity = Мероприятие
level-activity-type = Вид деятельности

## Элемент

node-no-official-text = При загрузке этого элемента официальный текст отсутствовал, поэтому он обозначен по своему положению. Официальный текст можно добавить, импортировав новую версию файла рамочного документа.
node-official-page = Официальная страница
node-also-in = Также на языках:
node-below = Входящие элементы
node-crosswalks = Соответствия
node-no-crosswalk = С этим элементом не связан ни один элемент других рамочных документов.
crosswalk-direct = прямая связь
crosswalk-through = через
node-entries = Записи, связанные с этим элементом
node-no-entries = С этим элементом и входящими в него элементами пока не связана ни одна опубликованная запись.
node-entry-count = { $count ->
    [one] С этим элементом или входящими в него элементами связана { $count } опубликованная запись.
    [few] С этим элементом или входящими в него элементами связаны { $count } опубликованные записи.
   *[other] С этим элементом или входящими в него элементами связано { $count } опубликованных записей.
}

## Записи

entries-title = Записи
filter-kind = Тип
filter-any-kind = Любой тип
filter-country = Страна (код ISO)
filter-node = Элемент рамочного документа
filter-submit = Применить фильтр
entries-count = { $count ->
    [one] Найдена { $count } опубликованная запись.
    [few] Найдены { $count } опубликованные записи.
   *[other] Найдено { $count } опубликованных записей.
}
error-summary-title = Возникла проблема
error-invalid-kind = «{ $value }» не является типом записи: выберите тип из списка.
error-invalid-country = Страны с кодом «{ $value }» не существует: введите двухбуквенный код ISO 3166-1, например SN.
error-invalid-node = Элемента «{ $value }» не существует: идентификаторы элементов имеют вид sdg:4.1 или gdc:1.1.1.
error-invalid-cursor = Эта ссылка на страницу больше не действительна: начните с первой страницы.

## Запись

entry-updated = обновлено { $date }
entry-evidence = обоснование
entry-identifiers = Идентификаторы
entry-import-flags = Проблемы, найденные при импорте
entry-import-flags-intro = Источник, из которого импортирована эта запись, не полностью соответствует своему стандарту. Запись импортирована как есть; вот проблемы, найденные в исходном файле:
entry-import-flag-at = строка { $line }, столбец { $column }
entry-history = История изменений
provenance-manual = Внесено: { $by }.
provenance-imported = Импортировано из { $source } ({ $id }).
provenance-suggested = Предложено: { $method }.
provenance-peer = Получено от { $instance }.

kind-actor = Организация
kind-initiative = Инициатива
kind-dpg = Цифровое общественное благо
kind-process = Процесс или форум
kind-document = Документ
kind-event = Мероприятие

stakeholder-government = Правительство
stakeholder-intergovernmental = Межправительственная организация
stakeholder-private-sector = Частный сектор
stakeholder-civil-society = Гражданское общество
stakeholder-technical-community = Техническое сообщество
stakeholder-academia = Научные круги

status-draft = Черновик
status-submitted = На рассмотрении
status-published = Опубликовано
status-rejected = Отклонено
status-archived = В архиве

## Страны

countries-title = Страны и территории
filter-group = Группа
filter-all-groups = Все страны и территории
filter-show = Показать
countries-caption = Стран и территорий: { $count } (стандарт ООН M49; НРС, РСНВМ и МОРАГ по классификации Организации Объединенных Наций)
col-country = Страна или территория
col-iso = Код ISO
col-region = Регион
col-subregion = Субрегион
col-groups = Группы
group-ldc = НРС
group-lldc = РСНВМ
group-sids = МОРАГ
group-ldc-name = Наименее развитые страны (НРС)
group-lldc-name = Развивающиеся страны, не имеющие выхода к морю (РСНВМ)
group-sids-name = Малые островные развивающиеся государства (МОРАГ)
country-entries = Записи: { $name }
country-no-entries = Пока нет ни одной опубликованной записи, в которой упоминается эта страна.
country-map-link = { $name } на карте осуществления Глобального цифрового договора: вклады, поддержка и пробелы
country-entry-count = Опубликованных записей: { $count }.

## Ошибки

error-not-found-title = Страница не найдена
error-not-found-text = По этому адресу ничего нет. Возможно, адрес введен с ошибкой или страница перемещена.
error-internal-title = Что-то пошло не так
error-internal-text = Не удалось загрузить страницу. Повторите попытку позже.
error-request-title = Не удалось выполнить запрос
error-request-text = Адрес содержит недопустимое значение. Проверьте его или начните с главной страницы.
error-home = Перейти на главную страницу

## Даты

date = { $day } { $month } { $year } г.
datetime = { $date }, { $time } UTC
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Search
nav-search = Поиск
search-title = Поиск
search-label = Поиск по реестру
search-button = Найти
search-sort = Порядок
search-sort-relevance = По релевантности
search-sort-recent = Сначала новые
search-count = { $count ->
    [one] Найдена { $count } запись.
    [few] Найдено { $count } записи.
   *[other] Найдено { $count } записей.
}
search-nothing = Ничего не найдено. Проверьте написание, сократите запрос или снимите фильтр.
search-active-filters = Фильтры:
search-remove-filter = Снять этот фильтр
search-refine = Уточнить результаты
search-more-values = и ещё { $count }
search-next = Следующие результаты
search-depth-capped = Просматривать можно только первые 1000 результатов: добавьте слова или фильтры, чтобы сузить поиск.
search-facet-kind = Тип
search-facet-node = Рамочная программа
search-facet-country = Страна
search-facet-region = Регион
search-facet-group = Группа стран
search-facet-stakeholder = Группа заинтересованных сторон
search-facet-language = Язык
search-facet-status = Статус
home-search = Поиск по реестру

## GDC implementation map

nav-map = Карта ГЦД
map-nav = Карта осуществления
map-nav-heatmap = Охват
map-nav-world = Карта мира
map-nav-gaps = Пробелы
map-nav-endorsements = Поддержка
map-nav-report = Отчет о ходе работы
map-heatmap-title = Глобальный цифровой договор: карта осуществления
map-heatmap-lead = Опубликованные вклады ({ $count }), подсчитанные по каждому обязательству Договора.
map-heatmap-caption = Вклады по обязательствам. Косвенный охват (записи с метками связанных узлов ЦУР или ВВУИО) показан отдельно и в итог не входит.
map-col-commitment = Обязательство
map-col-total = Всего
map-col-implied = Косвенный (вне итога)
map-col-country = Страна или район
map-col-contributions = Вклады
map-col-title = Название
map-col-why = Причина пробела
map-col-measure = Показатель
map-col-node = Узел
map-col-entry = Запись
map-col-kind = Вид
map-col-tags = Связанные метки
map-col-group = Группа заинтересованных сторон
map-col-endorsements = Заявления о поддержке
map-col-region = Регион
map-col-objective = Цель
map-col-covered = Обязательства со вкладами
map-col-when = Когда
map-col-who = Кто
map-col-fields = Измененные поля
map-col-contribution = Вклад
map-col-contributor = Участник
map-col-commitments = Обязательства
map-col-progress = Ход работы
map-col-period = Период
map-col-countries = Страны
map-col-evidence = Подтверждение
map-col-actor = Организация
map-col-date = Дата
map-col-objectives = Цели
map-world-title = Вклады по странам
map-world-alt = Карта мира: страны окрашены по числу вкладов; цифры приведены в таблице ниже.
map-world-caption = Опубликованные вклады, действующие в каждой стране (вклад учитывается в каждой названной им стране)
map-world-credit = Границы: Natural Earth (общественное достояние); они не выражают мнения о правовом статусе какой-либо страны или территории.
map-gaps-title = Пробелы: обязательства без вкладов или с малым их числом
map-gaps-lead = Обязательство включается в список, если у него не более { $few } вкладов в целом, для наименее развитых стран или для малых островных развивающихся государств.
map-gaps-caption = Обязательства с пробелами в порядке Договора
map-gap-none = нет вкладов
map-gap-few = мало вкладов
map-gap-ldc = мало или нет для НРС
map-gap-sids = мало или нет для МОРАГ
map-commitment-title = Обязательство
map-commitment-counts = Опубликованные вклады по ходу работы, группам заинтересованных сторон, регионам и группам стран
map-commitment-contributions = Вклады в это обязательство
map-commitment-crosswalk = Связанные ЦУР и направления деятельности ВВУИО
map-commitment-implied = Косвенный охват: опубликованные записи с меткой связанного узла ЦУР или ВВУИО ({ $count }; это не вклады)
map-country-title = Глобальный цифровой договор
map-country-contributions = Вклады, действующие здесь
map-country-endorsements = Поддержка со стороны организаций, базирующихся здесь
map-country-gaps = Пробелы: обязательства, по которым в этой стране не более { $few } вкладов
map-endorsements-title = Поддержка Глобального цифрового договора
map-endorsements-lead = Найдено заявлений о поддержке: { $count }.
map-endorsements-by-group = По группам заинтересованных сторон
map-endorsements-by-region = По регионам (организация учитывается в каждом регионе, где она базируется)
map-endorsements-list = Поддержавшие организации
map-region-none = Без привязки к стране
map-group-none = Инициативы (без группы)
map-report-title = Отчет о ходе работы
map-report-lead = Вклады, действовавшие в период { $from } — { $to }, и заявления о поддержке за этот период. Для бумажной копии распечатайте страницу.
map-report-objectives = По целям
map-report-contributions = Вклады, действовавшие в этот период
map-report-endorsements = Заявления о поддержке за период
map-contribution-title = Вклад в осуществление Глобального цифрового договора
map-contribution-summary = Сводка
map-contribution-history = История
map-contributions-caption = { $title } ({ $count })
progress-planned = Запланирован
progress-ongoing = Осуществляется
progress-completed = Завершен
evidence-self-declared = Заявлен самостоятельно
evidence-documented = Подтвержден документами
evidence-verified = Проверен
map-filter-any = Любые
map-filter-by = Столбцы
map-filter-evidence = Подтверждение не ниже
map-filter-dev = Группа стран
map-filter-from = С (ГГГГ-ММ-ДД)
map-filter-to = По (ГГГГ-ММ-ДД)
map-filter-few = Мало — это не более
map-filter-apply = Показать
map-sample-note = Здесь показан условный пример: вклады и заявления организаций с пометкой «illustrative sample» не являются реальными заявлениями.
map-legend = Условные обозначения:
map-export = Скачать это представление:
map-objective-n = Цель { $n }
map-action-contribute = Заявить о вкладе
map-action-endorse = Поддержать Договор
map-action-history = Публичная история этого вклада
map-action-correct = Предложить исправление или сведения о ходе работы
contribute-title = Заявить о вкладе в Глобальный цифровой договор
contribute-correct-title = Предложить исправление этого вклада
contribute-intro = Расскажите, что ваша организация или инициатива делает для одного или нескольких обязательств Договора. Модераторы проверяют заявку до публикации; их решение и его причина видны в публичной истории вклада. Ваше отображаемое имя показывается вместе с предложением.
endorse-title = Поддержать Глобальный цифровой договор
endorse-intro = Организация поддерживает Договор один раз, указывая дату и поддерживаемые цели. Модераторы проверяют заявление о поддержке до его публикации в открытом списке.
mapform-revise-title = Исправить ваше предложение
mapform-direct = Как редактор { $orgs }, вы публикуете заявленное от её имени сразу, без проверки.
mapform-your-orgs = Организации, в которых вы состоите (укажите их краткое имя): { $orgs }.
mapform-no-translation = Без перевода
mapform-choose = Выберите
mapform-verified-moderators = Только модераторы могут отметить вклад как проверенный.
mapform-history-contribution = Каждое изменение этого вклада и каждое рассмотрение предложения о нём: кто, когда и почему.
mapform-history-endorsement = Каждое изменение этого заявления о поддержке и каждое рассмотрение предложения о нём: кто, когда и почему.
mapform-endorsement-by = Поддержка от { $actor }
mapform-error-unknown_entry = в реестре нет организации или инициативы «{ $value }».
mapform-error-not_allowed = «{ $value }» здесь не подходит: вклады заявляют организации или инициативы, поддержку — организации.
mapform-error-unknown_commitment = «{ $value }» не является обязательством Глобального цифрового договора.
mapform-error-unknown_node = узла «{ $value }» не существует.
mapform-error-unknown_country = нет страны с кодом «{ $value }».
mapform-error-invalid_url = «{ $value }» не является веб-адресом, начинающимся с http:// или https://.
mapform-error-ends_before_start = период заканчивается раньше, чем начинается.
mapform-error-invalid_date = «{ $value }» не является датой (год-месяц-день).
mapform-error-evidence_required = для этого уровня нужна хотя бы одна ссылка на подтверждение.
mapform-error-moderators_only = только модераторы могут отметить вклад как проверенный.
mapform-error-duplicate = «{ $value }» указано дважды.
mapform-error-unknown_objective = «{ $value }» не является целью Договора.
mapform-error-already_endorsed = «{ $value }» уже поддержала Договор.
mapform-error-unchanged = это предложение ничего не меняет.
field-contribute-contributor = Организация или инициатива
field-contribute-contributor-hint = Её краткое имя в реестре (как в её адресе, например ministry-of-ict) или её идентификатор.
field-contribute-commitments = Обязательства
field-contribute-commitments-hint = Отметьте каждое обязательство, которому служит вклад.
field-contribute-sdg_targets = Задачи ЦУР (необязательно)
field-contribute-sdg_targets-hint = Коды через запятую, например 4.1, 9.c.
field-contribute-wsis_lines = Направления деятельности ВВУИО (необязательно)
field-contribute-wsis_lines-hint = Коды через запятую, например C3, C7.
field-contribute-text_lang = Язык названия и описания
field-contribute-title = Название
field-contribute-description = Описание
field-contribute-description-hint = Что делается, для кого, где; достигнутые результаты.
field-contribute-lang2 = Перевод: язык
field-contribute-lang2-hint = Необязательно: название и описание на втором языке.
field-contribute-title2 = Перевод: название
field-contribute-description2 = Перевод: описание
field-contribute-start = Дата начала
field-contribute-start-hint = Год-месяц-день, например 2025-03-01.
field-contribute-end = Дата окончания (необязательно)
field-contribute-end-hint = Оставьте пустым, если срок не ограничен.
field-contribute-progress = Ход работы
field-contribute-countries = Страны, где действует вклад
field-contribute-countries-hint = Двухбуквенные коды ISO через запятую, например SN, KE; пусто, если вклад не относится к конкретной стране.
field-contribute-evidence = Ссылки на подтверждения
field-contribute-evidence-hint = Один адрес в строке, при желании с пробелом и подписью после него.
field-contribute-evidence_level = Уровень подтверждения
field-contribute-evidence_level-hint = Заявлено самостоятельно или подтверждено открытыми ссылками.
field-contribute-message = Примечание для модераторов
field-contribute-message-hint = Почему, и ваши источники (необязательно).
field-endorse-actor = Организация
field-endorse-actor-hint = Её краткое имя в реестре (как в её адресе) или её идентификатор.
field-endorse-date = Дата поддержки
field-endorse-date-hint = Год-месяц-день, например 2025-03-01.
field-endorse-objectives = Поддерживаемые цели
field-endorse-objectives-hint = Отметьте хотя бы одну.
field-endorse-statement_lang = Язык заявления
field-endorse-statement = Заявление (необязательно)
field-endorse-message = Примечание для модераторов
field-endorse-message-hint = Почему, и ваши источники (необязательно).

## Учётные записи (люди и доверие)
nav-sign-in = Войти
nav-sign-out = Выйти
nav-account = Учётная запись
nav-admin = Администрирование
form-errors-title = Исправьте, пожалуйста, следующее
form-error-required = это поле обязательно.
form-error-invalid = недопустимое значение.
form-error-too_short = слишком коротко: не менее 12 символов.
form-error-too_long = слишком длинно.
form-error-mismatch = это не ваш пароль.
form-error-self = это нельзя сделать со своей учётной записью.
form-error-not_member = действовать можно только от имени организации, в которой вы состоите.
form-error-unknown_org = такой организации нет.
form-error-sign_in_refused = неверный адрес электронной почты или пароль, либо учётная запись временно заблокирована после слишком многих попыток.
field-email = Адрес электронной почты
field-name = Отображаемое имя
field-name-hint = Показывается рядом с вашими материалами.
field-password = Пароль
field-password-hint = Не менее 12 символов.
field-token_name = Название токена
field-scope = Область действия
field-confirm = Ваш пароль для подтверждения
field-reason = Причина
sign-in-title = Вход
sign-in-submit = Войти
sign-in-register = Создать учётную запись
sign-in-forgot = Забыли пароль?
sign-in-or = Или:
oidc-sign-in-with = Войти через { $name }
oidc-error-title = Не удалось войти через поставщика удостоверений
oidc-error-back = Вернуться на страницу входа
oidc-error-not_configured = Этот сайт не предлагает вход через другого поставщика удостоверений.
oidc-error-state = Этот вход больше недействителен: он уже был использован, истёк или был начат в другом браузере. Начните заново со страницы входа.
oidc-error-denied = Вы отменили вход у поставщика удостоверений. Ничего не изменено.
oidc-error-provider = Поставщик удостоверений прислал ответ, который этот сайт не может использовать. Повторите попытку позже; если это повторяется, сообщите администраторам сайта.
oidc-error-unreachable = Поставщик удостоверений недоступен. Повторите попытку через несколько минут или войдите с адресом электронной почты и паролем.
oidc-error-token = Ответ поставщика удостоверений не удалось проверить, поэтому вход не выполнен. Начните заново со страницы входа.
oidc-error-no_email = Поставщик удостоверений не передал адрес электронной почты, который нужен для учётной записи здесь. Разрешите передать адрес и повторите попытку.
oidc-error-email_taken = Учётная запись с этим адресом электронной почты уже существует. Войдите с её паролем; связать её с поставщиком можно, только если адрес подтверждён с обеих сторон.
oidc-error-banned = Эта учётная запись заблокирована.
register-title = Создать учётную запись
register-intro = Мы пришлём ссылку для подтверждения адреса электронной почты.
register-submit = Создать учётную запись
register-done = Спасибо. Если этот адрес можно использовать, письмо уже отправлено: откройте ссылку в нём, чтобы подтвердить адрес.
verify-title = Подтверждение адреса электронной почты
verify-done = Ваш адрес электронной почты подтверждён.
verify-failed = Эта ссылка больше недействительна (использована или устарела).
verify-resend = Отправить новую ссылку для подтверждения
verify-resent = Новая ссылка для подтверждения отправлена на ваш адрес. Она действует один раз в течение 48 часов.
error-unverified-title = Сначала подтвердите адрес электронной почты
error-unverified-text = Вы можете просматривать всё и управлять своей учётной записью, но предлагать и рассматривать записи, подтверждать их, просить о вступлении в организацию и создавать токены записи можно только после подтверждения адреса. Откройте ссылку из нашего письма или запросите новую.
error-parameter = В адресе есть параметр, который здесь нельзя использовать: «{ $name }». Удалите или исправьте его.
forgot-title = Сброс пароля
forgot-intro = Укажите адрес вашей учётной записи: мы пришлём ссылку для выбора нового пароля.
forgot-submit = Отправить ссылку
forgot-done = Если этот адрес принадлежит учётной записи, письмо со ссылкой уже отправлено.
reset-title = Новый пароль
reset-submit = Сохранить пароль
reset-done = Пароль изменён, все сеансы завершены. Теперь можно войти.
account-title = Ваша учётная запись
account-unverified = адрес ещё не подтверждён
account-profile = Профиль
account-save = Сохранить
account-sessions = Где выполнен вход
account-session-device = Браузер
account-session-since = С
account-session-seen = Последняя активность
account-session-current = этот браузер
account-revoke = Отозвать
account-tokens = Токены API
account-token-used = Последнее использование
account-token-revoked = отозван
account-token-create = Создать токен
account-token-created = Ваш новый токен: скопируйте его сейчас, больше он показан не будет.
account-data = Ваши данные
account-export = Скачать ваши персональные данные (JSON)
account-delete = Удалить учётную запись
role-user = пользователь
role-moderator = модератор
role-admin = администратор
admin-users-title = Учётные записи
admin-users-count = { $count ->
    [one] { $count } учётная запись
    [few] { $count } учётные записи
   *[other] { $count } учётных записей
}
admin-role = Роль
admin-actions = Действия
admin-banned = заблокирован
admin-set-role = Изменить роль
admin-ban = Заблокировать
admin-unban = Снять блокировку
admin-audit-title = Журнал аудита
admin-audit-when = Когда
admin-audit-who = Кто
admin-audit-action = Действие
admin-audit-target = Объект
admin-audit-older = Более ранние события

## Submission and review (pages)

nav-review = Очередь проверки
entry-stale = Возможно, устарело:
entry-stale-since = ответственные не подтверждали запись с { $date }.
entry-stale-label = возможно, устарело
entry-confirm = Подтвердить, что запись по-прежнему верна
entry-history-full = Полная публичная история с проверками и причинами
history-title = Публичная история
history-intro = Каждое изменение записи и каждая проверка предложений о ней: кто, когда и почему.
history-empty = История пока не записана.
history-why = Причина:
history-revision = Редакция { $number }
history-status-change = статус: { $from } → { $to }
history-status-set = статус: { $to }
history-submitted = Предложение отправлено
history-changes_requested = Запрошены изменения
history-resubmitted = Предложение исправлено
history-approved = Предложение одобрено
history-rejected = Предложение отклонено
history-withdrawn = Предложение отозвано
history-published_directly = Опубликовано напрямую редактором организации
review-title = Очередь проверки
review-empty = Нет предложений, ожидающих проверки.
review-col-proposal = Предложение
review-col-what = Тип
review-col-by = Автор
review-col-at = Отправлено
proposal-target-entry = запись
proposal-target-contribution = вклад в ГЦД
proposal-target-endorsement = поддержка ГЦД
proposal-edit = Правка: { $target }
proposal-new = Новая запись: { $target }
proposal-title = Предложение
proposal-by = автор:
proposal-record = опубликованная запись
proposal-message = Комментарий автора
proposal-changes = Предлагаемые изменения
proposal-no-changes = Предложение не меняет ни одного поля.
proposal-col-field = Поле
proposal-col-before = Сейчас
proposal-col-after = Предложено
proposal-events = Ход проверки
proposal-state-pending = ожидает проверки
proposal-state-changes_requested = запрошены изменения
proposal-state-approved = одобрено
proposal-state-rejected = отклонено
proposal-state-withdrawn = отозвано
proposal-state-published = опубликовано напрямую
decision-title = Ваше решение
field-decision-reason = Причина
field-decision-reason-hint = Обязательна для отклонения или запроса изменений; публикуется в истории.
decision-approve = Одобрить и опубликовать
decision-request-changes = Запросить изменения
decision-reject = Отклонить
decision-error-reason-required = Причина: укажите причину отклонения или запроса изменений.
decision-error-decision-required = Выберите: одобрить, запросить изменения или отклонить.
decision-error-conflict = Это предложение уже нельзя решить так: решение уже принято или запись изменилась с тех пор (попросите автора исправить его).
review-count = { $count ->
    [one] Ожидает { $count } предложение, сначала самые старые.
    [few] Ожидают { $count } предложения, сначала самые старые.
   *[other] Ожидают { $count } предложений, сначала самые старые.
}
nav-propose = Предложить запись
entry-propose-edit = Предложить исправление записи
propose-new-title = Предложить новую запись
propose-edit-title = Предложить правку
propose-intro = Модераторы проверяют каждое предложение до публикации; их решение и причина видны в публичной истории записи. Ваше отображаемое имя показывается вместе с предложением.
propose-choose-kind = Выберите тип
propose-honeypot = Оставьте это поле пустым
propose-submit = Отправить на проверку
field-propose-kind = Тип
field-propose-kind-hint = Что описывает запись: организация, инициатива, цифровое общественное благо…
field-propose-org = От имени
field-propose-org-hint-direct = Предложите от своего имени или от имени организации, которую вы редактируете: тогда запись публикуется сразу, от имени организации.
field-propose-org-hint-review = Предложите от своего имени или от имени организации, которую вы редактируете: в обоих случаях предложение проходит проверку модераторов.
propose-org-self = От себя
field-propose-title = Название
field-propose-title-hint = Название на языке оригинала или на языке этой страницы.
field-propose-summary = Краткое описание
field-propose-summary-hint = Несколько предложений: что делает, для кого, где.
field-propose-website = Веб-сайт
field-propose-website-hint = Адрес, начинающийся с https:// или http://.
field-propose-countries = Страны
field-propose-countries-hint = Двухбуквенные коды ISO через запятую, например SN, KE.
field-propose-tags = Элементы рамочных документов
field-propose-tags-hint = Идентификаторы через запятую, например sdg:4.1, gdc:1.1.1.
field-propose-message = Комментарий для модераторов
field-propose-message-hint = Зачем это изменение и ваши источники (необязательно).
propose-error-unknown_country = нет страны с кодом «{ $value }».
propose-error-unknown_node = нет элемента «{ $value }».
propose-error-invalid_url = «{ $value }» — не веб-адрес, начинающийся с http:// или https://.
propose-error-unchanged = эта правка ничего не меняет.
nav-mine = Мои предложения
mine-title = Мои предложения
mine-empty = Вы пока ничего не предлагали.
mine-col-state = Состояние
mine-col-reason = Последняя причина от модератора
mine-col-at = Последнее изменение
proposal-revise = Исправить предложение
proposal-withdraw = Отозвать предложение
propose-revise-title = Исправить ваше предложение
entry-members = Участники и вступление
members-title = Участники организации
members-col-name = Имя
members-col-role = Роль
members-col-since = С
members-col-actions = Действия
members-remove = Удалить
members-join-title = Попросить о вступлении в организацию
members-join-submit = Отправить запрос
members-join-pending = Ваш запрос ждёт решения редактора организации.
members-add-title = Добавить участника или изменить роль
members-add-submit = Сохранить
members-requests-title = Запросы на вступление
members-requests-empty = Нет ожидающих запросов.
members-request-approve = Принять в участники
members-request-decline = Отклонить
member-role-member = Участник
member-role-editor = Редактор
field-member-person = Адрес электронной почты
field-member-person-hint = Адрес их учётной записи cogov.
field-member-role = Роль
field-member-message = Сообщение редакторам
field-member-message-hint = Кто вы в организации (необязательно).
member-error-unknown_account = нет учётной записи с этим адресом: сначала человек должен зарегистрироваться.
member-error-last_editor = нельзя удалить последнего редактора: сначала назначьте другого.
