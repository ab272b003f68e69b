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
search-button = Поиск

