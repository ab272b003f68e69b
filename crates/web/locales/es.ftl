# Mensajes de la interfaz de cogov: español.

## Marco de la página

site-description = cogov: un punto de entrada común a la cooperación digital mundial
skip-to-content = Ir al contenido
nav-main = Navegación principal
nav-language = Idioma
nav-breadcrumb = Ruta de navegación
nav-frameworks = Marcos
nav-entries = Fichas
nav-countries = Países
footer-text = cogov es software libre. Textos de los marcos: Naciones Unidas; cada página de marco y de nodo indica su fuente.
footer-api = API JSON

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = API JSON
api-intro = Los programas pueden leer en JSON todo lo público de cogov en /api/v1. La descripción legible por máquina (OpenAPI 3.1) de cada operación de abajo:
api-conventions = Los textos se entregan en todos los idiomas guardados; lang=ar, en, es, fr, ru o zh añade una etiqueta en ese idioma. Los filtros aceptan valores separados por comas. Un parámetro desconocido se rechaza indicando su nombre.
api-contents = Secciones de la API
api-parameters = Parámetros
api-col-name = Nombre
api-col-in = Ubicación
api-col-description = Descripción
api-required = obligatorio
api-errors = Códigos de error
api-errors-intro = Todo error responde con un cuerpo JSON: error (uno de los códigos de abajo, que nunca cambian de nombre), message, y field o errors cuando se trata de un parámetro o de varios campos.
api-col-code = Código
api-col-status = Estado HTTP
api-col-meaning = Significado
api-error-not-found = El marco, nodo, registro, país o punto de acceso no existe.
api-error-invalid-parameter = Un parámetro es desconocido o su valor no es aceptable; field lo nombra.
api-error-validation-failed = El registro enviado no supera la validación; errors enumera cada campo.
api-error-conflict = La escritura entra en conflicto con los datos guardados, por ejemplo un identificador ya usado o una edición simultánea.
api-error-file-refused = Se rechazó un archivo completo; errors enumera cada problema con su línea.
api-error-internal = Un fallo de nuestra parte; los detalles se registran, no se envían.
api-error-unauthenticated = No hay una sesión ni un token de API válidos.
api-error-forbidden = Con sesión iniciada, pero sin permiso para esto.
api-error-rate-limited = Demasiadas solicitudes; Retry-After indica cuándo volver a intentarlo.
api-error-unavailable = La base de datos no acepta escrituras por ahora (disco lleno o de solo lectura); la lectura funciona y no se escribió nada.
api-error-method-not-allowed = La ruta existe, pero no con este método HTTP; la cabecera Allow indica los métodos que acepta.
api-error-email-unverified = La cuenta no ha confirmado su dirección de correo: puede leer y gestionarse a sí misma, pero no proponer, revisar, confirmar, pedir unirse ni crear tokens de escritura. POST /api/v1/me/verification envía un nuevo enlace.
see-all = Ver todas
next-page = Página siguiente

## Inicio

home-title = Inicio
home-heading = Un punto de entrada común a la cooperación digital mundial
home-lead = Quién hace qué, y dónde, en relación con los marcos comunes: los Objetivos de Desarrollo Sostenible, las líneas de acción de la CMSI, el Pacto Digital Global, la Hoja de Ruta del Secretario General para la Cooperación Digital y la labor del Foro para la Gobernanza de Internet, vinculados entre sí mediante tablas de correspondencia.
home-registry = El registro
home-entry-count = { $count ->
    [one] { $count } ficha publicada
   *[other] { $count } fichas publicadas
}
home-country-count = { $count ->
    [one] { $count } país o zona
   *[other] { $count } países y zonas
}
home-browse-entries = Explorar las fichas
home-browse-countries = Explorar los países

## Marcos

frameworks-caption = Marcos comunes, en orden de carga
col-framework = Marco
col-code = Código
col-nodes = Nodos
col-version = Versión
col-source = Fuente
node-count = { $count ->
    [one] { $count } nodo
   *[other] { $count } nodos
}
framework-version = versión { $version }
label-source = Fuente:
label-licence = Licencia:
framework-notes = Notas de transcripción
framework-structure = Estructura
framework-hidden = { $count ->
    [one] Un nodo de nivel inferior figura en la página del nodo del que depende.
   *[other] Otros { $count } nodos de niveles inferiores figuran en las páginas de los nodos de los que dependen.
}
node-open = Abrir { $code }

## Niveles de los marcos

level-goal = Objetivo
level-target = Meta
level-indicator = Indicador
level-line = Línea de acción
level-sub-line = Sublínea
level-section = Sección
level-objective = Objetivo
level-area = Ámbito
level-commitment = Compromiso
level-action = Medida
level-recommendation = Recomendación
level-recommendation-set = Conjunto de recomendaciones
level-group = Grupo
level-model = Modelo
level-activity = Actividad
level-activity-type = Tipo de actividad

## Nodo

node-no-official-text = No había ningún texto oficial disponible cuando se cargó este nodo, por lo que se designa por su posición. El texto oficial puede añadirse importando una nueva versión del archivo del marco.
node-official-page = Página oficial
node-also-in = También en:
node-below = Dentro de este nodo
node-crosswalks = Correspondencias
node-no-crosswalk = Ningún nodo de otro marco está vinculado a este.
crosswalk-direct = vínculo directo
crosswalk-through = a través de
node-entries = Fichas vinculadas a este nodo
node-no-entries = Todavía no hay ninguna ficha publicada vinculada a este nodo ni a un nodo inferior.
node-entry-count = { $count ->
    [one] { $count } ficha publicada está vinculada a este nodo o a un nodo inferior.
   *[other] { $count } fichas publicadas están vinculadas a este nodo o a un nodo inferior.
}

## Fichas

entries-title = Fichas
filter-kind = Tipo
filter-any-kind = Todos los tipos
filter-country = País (código ISO)
filter-node = Nodo de un marco
filter-submit = Filtrar
entries-count = { $count ->
    [one] { $count } ficha publicada coincide.
   *[other] { $count } fichas publicadas coinciden.
}
error-summary-title = Se ha producido un problema
error-invalid-kind = «{ $value }» no es un tipo de ficha: elija uno de la lista.
error-invalid-country = Ningún país tiene el código «{ $value }»: introduzca un código ISO 3166-1 de dos letras, por ejemplo SN.
error-invalid-node = No existe el nodo «{ $value }»: los identificadores de nodo tienen la forma sdg:4.1 o gdc:1.1.1.
error-invalid-cursor = Este enlace de página ya no es válido: vuelva a empezar desde la primera página.

## Ficha

entry-updated = actualizada el { $date }
entry-evidence = justificación
entry-identifiers = Identificadores
entry-import-flags = Problemas detectados al importar
entry-import-flags-intro = La fuente de la que se importó esta entrada no sigue del todo su norma. La entrada se importó tal cual; estos son los problemas detectados en el archivo de origen:
entry-import-flag-at = línea { $line }, columna { $column }
entry-history = Historial
provenance-manual = Introducida por { $by }.
provenance-imported = Importada de { $source } ({ $id }).
provenance-suggested = Propuesta por { $method }.
provenance-peer = Recibida de { $instance }.

kind-actor = Organización
kind-initiative = Iniciativa
kind-dpg = Bien público digital
kind-process = Proceso o foro
kind-document = Documento
kind-event = Evento

stakeholder-government = Gobierno
stakeholder-intergovernmental = Organización intergubernamental
stakeholder-private-sector = Sector privado
stakeholder-civil-society = Sociedad civil
stakeholder-technical-community = Comunidad técnica
stakeholder-academia = Círculos académicos

status-draft = Borrador
status-submitted = Presentada
status-published = Publicada
status-rejected = Rechazada
status-archived = Archivada

## Países

countries-title = Países y zonas
filter-group = Grupo
filter-all-groups = Todos los países y zonas
filter-show = Mostrar
countries-caption = { $count } países y zonas (norma M49 de las Naciones Unidas; PMA, PDSL y PEID según la designación de las Naciones Unidas)
col-country = País o zona
col-iso = Código ISO
col-region = Región
col-subregion = Subregión
col-groups = Grupos
group-ldc = PMA
group-lldc = PDSL
group-sids = PEID
group-ldc-name = Países menos adelantados (PMA)
group-lldc-name = Países en desarrollo sin litoral (PDSL)
group-sids-name = Pequeños Estados insulares en desarrollo (PEID)
country-entries = Fichas: { $name }
country-no-entries = Todavía no hay ninguna ficha publicada que mencione este país.
country-map-link = { $name } en el mapa de aplicación del Pacto Digital Global: contribuciones, adhesiones y lagunas
country-entry-count = { $count ->
    [one] { $count } ficha publicada.
   *[other] { $count } fichas publicadas.
}

## Errores

error-not-found-title = Página no encontrada
error-not-found-text = No hay nada en esta dirección. Puede que se haya escrito mal o que la página se haya trasladado.
error-internal-title = Se ha producido un error
error-internal-text = No se pudo cargar la página. Vuelva a intentarlo más tarde.
error-request-title = No se pudo completar esta solicitud
error-request-text = La dirección contiene un valor que no se puede utilizar. Compruébela o vuelva a empezar desde la página de inicio.
error-home = Ir a la página de inicio

## Fechas

date = { $day } de { $month } de { $year }
datetime = { $date }, { $time } UTC
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Search
nav-search = Buscar
search-title = Buscar
search-label = Buscar en el registro
search-button = Buscar
search-sort = Orden
search-sort-relevance = Pertinencia
search-sort-recent = Más recientes
search-count = { $count ->
    [one] Se encontró una ficha.
   *[other] Se encontraron { $count } fichas.
}
search-nothing = No hay resultados. Revise la ortografía, use menos palabras o quite un filtro.
search-active-filters = Filtros:
search-remove-filter = Quitar este filtro
search-refine = Afinar los resultados
search-more-values = y { $count } más
search-next = Resultados siguientes
search-depth-capped = Solo se pueden recorrer los primeros 1.000 resultados: añada palabras o filtros para acotar la búsqueda.
search-facet-kind = Tipo
search-facet-node = Marco
search-facet-country = País
search-facet-region = Región
search-facet-group = Grupo de países
search-facet-stakeholder = Grupo de partes interesadas
search-facet-language = Idioma
search-facet-status = Estado
home-search = Buscar en el registro

## GDC implementation map

nav-map = Mapa del PDM
map-nav = Mapa de aplicación
map-nav-heatmap = Cobertura
map-nav-world = Mapa mundial
map-nav-gaps = Carencias
map-nav-endorsements = Adhesiones
map-nav-report = Informe de progreso
map-heatmap-title = Pacto Digital Mundial: mapa de aplicación
map-heatmap-lead = { $count } contribuciones publicadas, contadas para cada compromiso del Pacto.
map-heatmap-caption = Contribuciones por compromiso. La cobertura implícita (fichas etiquetadas con un nodo ODS o CMSI vinculado) se muestra aparte y no forma parte del total.
map-col-commitment = Compromiso
map-col-total = Total
map-col-implied = Implícita (fuera del total)
map-col-country = País o zona
map-col-contributions = Contribuciones
map-col-title = Título
map-col-why = Motivo de la carencia
map-col-measure = Recuento
map-col-node = Nodo
map-col-entry = Ficha
map-col-kind = Tipo
map-col-tags = Etiquetas vinculadas
map-col-group = Grupo de partes interesadas
map-col-endorsements = Adhesiones
map-col-region = Región
map-col-objective = Objetivo
map-col-covered = Compromisos con contribuciones
map-col-when = Fecha
map-col-who = Autor
map-col-fields = Campos modificados
map-col-contribution = Contribución
map-col-contributor = Contribuyente
map-col-commitments = Compromisos
map-col-progress = Avance
map-col-period = Período
map-col-countries = Países
map-col-evidence = Evidencia
map-col-actor = Organización
map-col-date = Fecha
map-col-objectives = Objetivos
map-world-title = Contribuciones por país
map-world-alt = Mapa mundial: países sombreados según el número de contribuciones; la tabla siguiente da las cifras.
map-world-caption = Contribuciones publicadas que se aplican en cada país (una contribución cuenta en cada país que nombra)
map-world-credit = Fronteras: Natural Earth (dominio público); no implican juicio alguno sobre la condición jurídica de ningún país o territorio.
map-gaps-title = Carencias: compromisos sin contribuciones o con pocas
map-gaps-lead = Se enumera un compromiso cuando tiene como máximo { $few } contribuciones en total, para los países menos adelantados o para los pequeños Estados insulares en desarrollo.
map-gaps-caption = Compromisos con carencias, en el orden del Pacto
map-gap-none = ninguna contribución
map-gap-few = pocas contribuciones
map-gap-ldc = pocas o ninguna para los PMA
map-gap-sids = pocas o ninguna para los PEID
map-commitment-title = Compromiso
map-commitment-counts = Contribuciones publicadas por avance, grupo de partes interesadas, región y grupo de países
map-commitment-contributions = Contribuciones a este compromiso
map-commitment-crosswalk = ODS y líneas de acción de la CMSI vinculados
map-commitment-implied = Cobertura implícita: { $count } fichas publicadas etiquetadas con un nodo ODS o CMSI vinculado (no son contribuciones)
map-country-title = Pacto Digital Mundial
map-country-contributions = Contribuciones que se aplican aquí
map-country-endorsements = Adhesiones de organizaciones con sede aquí
map-country-gaps = Carencias: compromisos con { $few } contribuciones como máximo en este país
map-endorsements-title = Adhesiones al Pacto Digital Mundial
map-endorsements-lead = { $count } adhesiones publicadas coinciden.
map-endorsements-by-group = Por grupo de partes interesadas
map-endorsements-by-region = Por región (una organización cuenta en cada región donde tiene sede)
map-endorsements-list = Organizaciones adherentes
map-region-none = Sin país concreto
map-group-none = Iniciativas (sin grupo)
map-report-title = Informe de progreso
map-report-lead = Contribuciones activas y adhesiones del { $from } al { $to }. Imprima esta página para obtener una copia en papel.
map-report-objectives = Por objetivo
map-report-contributions = Contribuciones activas en el período
map-report-endorsements = Adhesiones en el período
map-contribution-title = Contribución al Pacto Digital Mundial
map-contribution-summary = Resumen
map-contribution-history = Historial
map-contributions-caption = { $title } ({ $count })
progress-planned = Prevista
progress-ongoing = En curso
progress-completed = Completada
evidence-self-declared = Autodeclarada
evidence-documented = Documentada
evidence-verified = Verificada
map-filter-any = Todos
map-filter-by = Columnas
map-filter-evidence = Evidencia mínima
map-filter-dev = Grupo de países
map-filter-from = Desde (AAAA-MM-DD)
map-filter-to = Hasta (AAAA-MM-DD)
map-filter-few = Pocas significa como máximo
map-filter-apply = Mostrar
map-sample-note = Esta instancia muestra una muestra ilustrativa: las contribuciones y adhesiones de las organizaciones marcadas «illustrative sample» no son declaraciones reales.
map-legend = Leyenda:
map-export = Descargar esta vista:
map-objective-n = Objetivo { $n }
map-action-contribute = Declarar una contribución
map-action-endorse = Respaldar el Pacto
map-action-history = Historial público de esta contribución
map-action-correct = Proponer una corrección o una actualización del avance
contribute-title = Declarar una contribución al Pacto Digital Global
contribute-correct-title = Proponer una corrección de esta contribución
contribute-intro = Indique lo que su organización o iniciativa hace por uno o varios compromisos del Pacto. Los moderadores la revisan antes de publicarla; su decisión y el motivo figuran en el historial público de la contribución. Su nombre visible se muestra con la propuesta.
endorse-title = Respaldar el Pacto Digital Global
endorse-intro = Una organización respalda el Pacto una sola vez, con la fecha y los objetivos que apoya. Los moderadores revisan el respaldo antes de publicarlo en la lista pública.
mapform-revise-title = Revisar su propuesta
mapform-direct = Como editor de { $orgs }, lo que declare en su nombre se publica de inmediato, sin revisión.
mapform-your-orgs = Organizaciones de las que es miembro (use su nombre corto): { $orgs }.
mapform-no-translation = Sin traducción
mapform-choose = Elegir
mapform-verified-moderators = Solo los moderadores pueden marcar una contribución como verificada.
mapform-history-contribution = Cada cambio de esta contribución y cada revisión de una propuesta sobre ella: quién, cuándo y por qué.
mapform-history-endorsement = Cada cambio de este respaldo y cada revisión de una propuesta sobre él: quién, cuándo y por qué.
mapform-endorsement-by = Respaldo de { $actor }
mapform-error-unknown_entry = el registro no contiene ninguna organización o iniciativa «{ $value }».
mapform-error-not_allowed = «{ $value }» no sirve aquí: las contribuciones provienen de organizaciones o iniciativas, los respaldos de organizaciones.
mapform-error-unknown_commitment = «{ $value }» no es un compromiso del Pacto Digital Global.
mapform-error-unknown_node = no existe el nodo «{ $value }».
mapform-error-unknown_country = ningún país tiene el código «{ $value }».
mapform-error-invalid_url = «{ $value }» no es una dirección web que empiece por http:// o https://.
mapform-error-ends_before_start = el período termina antes de empezar.
mapform-error-invalid_date = «{ $value }» no es una fecha (año-mes-día).
mapform-error-evidence_required = este nivel requiere al menos un enlace de evidencia.
mapform-error-moderators_only = solo los moderadores pueden marcar una contribución como verificada.
mapform-error-duplicate = «{ $value }» aparece dos veces.
mapform-error-unknown_objective = «{ $value }» no es un objetivo del Pacto.
mapform-error-already_endorsed = «{ $value }» ya respaldó el Pacto.
mapform-error-unchanged = esta propuesta no cambia nada.
field-contribute-contributor = Organización o iniciativa
field-contribute-contributor-hint = Su nombre corto en el registro (como en su dirección, por ejemplo ministerio-tic), o su identificador.
field-contribute-commitments = Compromisos
field-contribute-commitments-hint = Marque cada compromiso al que contribuye.
field-contribute-sdg_targets = Metas de los ODS (opcional)
field-contribute-sdg_targets-hint = Códigos separados por comas, por ejemplo 4.1, 9.c.
field-contribute-wsis_lines = Líneas de acción de la CMSI (opcional)
field-contribute-wsis_lines-hint = Códigos separados por comas, por ejemplo C3, C7.
field-contribute-text_lang = Idioma del título y la descripción
field-contribute-title = Título
field-contribute-description = Descripción
field-contribute-description-hint = Qué se hace, para quién, dónde; los resultados hasta ahora.
field-contribute-lang2 = Traducción: idioma
field-contribute-lang2-hint = Opcional: el título y la descripción en un segundo idioma.
field-contribute-title2 = Traducción: título
field-contribute-description2 = Traducción: descripción
field-contribute-start = Fecha de inicio
field-contribute-start-hint = Año-mes-día, por ejemplo 2025-03-01.
field-contribute-end = Fecha de fin (opcional)
field-contribute-end-hint = Déjela vacía si no tiene fin previsto.
field-contribute-progress = Avance
field-contribute-countries = Países donde tiene efecto
field-contribute-countries-hint = Códigos ISO de dos letras separados por comas, por ejemplo SN, KE; vacío si no es específica de un país.
field-contribute-evidence = Enlaces de evidencia
field-contribute-evidence-hint = Una dirección por línea, seguida opcionalmente de un espacio y una etiqueta.
field-contribute-evidence_level = Nivel de evidencia
field-contribute-evidence_level-hint = Autodeclarada, o documentada con enlaces de evidencia públicos.
field-contribute-message = Nota para los moderadores
field-contribute-message-hint = Por qué, y sus fuentes (opcional).
field-endorse-actor = Organización
field-endorse-actor-hint = Su nombre corto en el registro (como en su dirección), o su identificador.
field-endorse-date = Fecha del respaldo
field-endorse-date-hint = Año-mes-día, por ejemplo 2025-03-01.
field-endorse-objectives = Objetivos que apoya
field-endorse-objectives-hint = Marque al menos uno.
field-endorse-statement_lang = Idioma de la declaración
field-endorse-statement = Declaración (opcional)
field-endorse-message = Nota para los moderadores
field-endorse-message-hint = Por qué, y sus fuentes (opcional).

## Cuentas (personas y confianza)
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
nav-account = Cuenta
nav-admin = Administración
form-errors-title = Corrija lo siguiente
form-error-required = este campo es obligatorio.
form-error-invalid = este valor no es válido.
form-error-too_short = demasiado corta: al menos 12 caracteres.
form-error-too_long = demasiado largo.
form-error-mismatch = esta no es su contraseña.
form-error-self = no puede hacer esto con su propia cuenta.
form-error-not_member = solo puede actuar en nombre de una organización a la que pertenece.
form-error-unknown_org = esa organización no existe.
form-error-sign_in_refused = la dirección de correo o la contraseña no son correctas, o la cuenta está bloqueada un tiempo tras demasiados intentos.
field-email = Correo electrónico
field-name = Nombre visible
field-name-hint = Se muestra junto a sus contribuciones.
field-password = Contraseña
field-password-hint = Al menos 12 caracteres.
field-token_name = Nombre del token
field-scope = Alcance
field-confirm = Su contraseña, para confirmar
field-reason = Motivo
sign-in-title = Iniciar sesión
sign-in-submit = Iniciar sesión
sign-in-register = Crear una cuenta
sign-in-forgot = ¿Olvidó su contraseña?
sign-in-or = O bien:
oidc-sign-in-with = Iniciar sesión con { $name }
oidc-error-title = No se pudo iniciar sesión a través de su proveedor
oidc-error-back = Volver a la página de inicio de sesión
oidc-error-not_configured = Este sitio no ofrece inicio de sesión a través de otro proveedor.
oidc-error-state = Este inicio de sesión ya no es válido: ya se usó, caducó o se empezó en otro navegador. Vuelva a empezar desde la página de inicio de sesión.
oidc-error-denied = Canceló el inicio de sesión en el proveedor. No se cambió nada.
oidc-error-provider = El proveedor envió una respuesta que este sitio no puede usar. Inténtelo más tarde; si sigue ocurriendo, avise a los administradores del sitio.
oidc-error-unreachable = No se pudo contactar con el proveedor. Inténtelo dentro de unos minutos o inicie sesión con su correo electrónico y su contraseña.
oidc-error-token = No se pudo verificar la respuesta del proveedor, así que no ha iniciado sesión. Vuelva a empezar desde la página de inicio de sesión.
oidc-error-no_email = El proveedor no compartió una dirección de correo electrónico, que una cuenta aquí necesita. Permita que la comparta y vuelva a intentarlo.
oidc-error-email_taken = Ya existe una cuenta con esta dirección de correo electrónico. Inicie sesión con su contraseña; solo puede vincularse al proveedor si la dirección está verificada en ambos lados.
oidc-error-banned = Esta cuenta está suspendida.
register-title = Crear una cuenta
register-intro = Le enviaremos un enlace para confirmar su dirección de correo.
register-submit = Crear la cuenta
register-done = Gracias. Si esta dirección puede usarse, le llegará un mensaje: abra su enlace para confirmar la dirección.
verify-title = Confirmar su dirección de correo
verify-done = Su dirección de correo está confirmada.
verify-failed = Este enlace ya no es válido (usado o caducado).
verify-resend = Enviar un nuevo enlace de confirmación
verify-resent = Un nuevo enlace de confirmación va camino de su dirección. Funciona una vez, durante 48 horas.
error-unverified-title = Confirme primero su dirección de correo electrónico
error-unverified-text = Puede consultarlo todo y gestionar su cuenta, pero solo podrá proponer, revisar, confirmar fichas, pedir unirse a una organización o crear tokens de escritura cuando su dirección esté confirmada. Abra el enlace que le enviamos o pida uno nuevo.
error-parameter = La dirección contiene un parámetro que no se puede usar aquí: «{ $name }». Elimínelo o corríjalo.
forgot-title = Restablecer su contraseña
forgot-intro = Indique la dirección de su cuenta: le enviaremos un enlace para elegir una nueva contraseña.
forgot-submit = Enviar el enlace
forgot-done = Si una cuenta usa esta dirección, le llegará un mensaje con un enlace.
reset-title = Elegir una nueva contraseña
reset-submit = Guardar la contraseña
reset-done = Su contraseña ha cambiado y se ha cerrado su sesión en todas partes. Ya puede iniciar sesión.
account-title = Su cuenta
account-unverified = dirección aún no confirmada
account-profile = Perfil
account-save = Guardar
account-sessions = Dónde tiene la sesión iniciada
account-session-device = Navegador
account-session-since = Desde
account-session-seen = Última actividad
account-session-current = este navegador
account-revoke = Revocar
account-tokens = Tokens de API
account-token-used = Último uso
account-token-revoked = revocado
account-token-create = Crear un token
account-token-created = Su nuevo token: cópielo ahora, no se volverá a mostrar.
account-data = Sus datos
account-export = Descargar sus datos personales (JSON)
account-delete = Eliminar su cuenta
role-user = usuario
role-moderator = moderador
role-admin = administrador
admin-users-title = Cuentas
admin-users-count = { $count ->
    [one] { $count } cuenta
   *[other] { $count } cuentas
}
admin-role = Función
admin-actions = Acciones
admin-banned = vetado
admin-set-role = Cambiar la función
admin-ban = Vetar
admin-unban = Levantar el veto
admin-audit-title = Registro de auditoría
admin-audit-when = Cuándo
admin-audit-who = Quién
admin-audit-action = Acción
admin-audit-target = Sobre
admin-audit-older = Eventos anteriores

## Submission and review (pages)

nav-review = Cola de revisión
entry-stale = Posiblemente desactualizada:
entry-stale-since = sus responsables no la confirman desde el { $date }.
entry-stale-label = posiblemente desactualizada
entry-confirm = Confirmar que esta ficha sigue siendo exacta
entry-history-full = Historial público completo, con revisiones y motivos
history-title = Historial público
history-intro = Cada cambio de esta ficha y cada revisión de una propuesta sobre ella: quién, cuándo y por qué.
history-empty = Todavía no hay historial registrado.
history-why = Motivo:
history-revision = Revisión { $number }
history-status-change = estado: { $from } → { $to }
history-status-set = estado: { $to }
history-submitted = Propuesta enviada
history-changes_requested = Cambios solicitados
history-resubmitted = Propuesta revisada
history-approved = Propuesta aprobada
history-rejected = Propuesta rechazada
history-withdrawn = Propuesta retirada
history-published_directly = Publicada directamente por un editor de la organización
review-title = Cola de revisión
review-empty = Ninguna propuesta espera revisión.
review-col-proposal = Propuesta
review-col-what = Tipo
review-col-by = Propuesta por
review-col-at = Enviada
proposal-target-entry = ficha
proposal-target-contribution = contribución al PDM
proposal-target-endorsement = adhesión al PDM
proposal-edit = Edición de una { $target } existente
proposal-new = Nueva { $target }
proposal-title = Propuesta
proposal-by = propuesta por
proposal-record = la ficha publicada
proposal-message = Nota de quien propone
proposal-changes = Cambios propuestos
proposal-no-changes = Esta propuesta no cambia ningún campo.
proposal-col-field = Campo
proposal-col-before = Ahora
proposal-col-after = Propuesto
proposal-events = Revisión hasta ahora
proposal-state-pending = pendiente de revisión
proposal-state-changes_requested = cambios solicitados
proposal-state-approved = aprobada
proposal-state-rejected = rechazada
proposal-state-withdrawn = retirada
proposal-state-published = publicada directamente
decision-title = Su decisión
field-decision-reason = Motivo
field-decision-reason-hint = Obligatorio para rechazar o pedir cambios; se muestra públicamente en el historial.
decision-approve = Aprobar y publicar
decision-request-changes = Pedir cambios
decision-reject = Rechazar
decision-error-reason-required = Motivo: indique un motivo para rechazar o pedir cambios.
decision-error-decision-required = Elija aprobar, pedir cambios o rechazar.
decision-error-conflict = Esta propuesta ya no puede decidirse así: ya se decidió, o la ficha cambió desde entonces (pida a quien la propuso que la revise).
review-count = { $count ->
    [one] Una propuesta espera, la más antigua primero.
   *[other] { $count } propuestas esperan, las más antiguas primero.
}
nav-propose = Proponer una ficha
entry-propose-edit = Proponer una corrección de esta ficha
propose-new-title = Proponer una nueva ficha
propose-edit-title = Proponer una modificación
propose-intro = Los moderadores revisan cada propuesta antes de publicarla; su decisión y el motivo aparecen en el historial público de la ficha. Su nombre público se muestra con la propuesta.
propose-choose-kind = Elija un tipo
propose-honeypot = Deje este campo vacío
propose-submit = Enviar a revisión
field-propose-kind = Tipo
field-propose-kind-hint = Lo que describe la ficha: una organización, una iniciativa, un bien público digital…
field-propose-org = Actuar en nombre de
field-propose-org-hint-direct = Proponga en su propio nombre o en el de una organización de la que es editor o editora: entonces se publica de inmediato, en nombre de la organización.
field-propose-org-hint-review = Proponga en su propio nombre o en el de una organización de la que es editor o editora: en ambos casos pasa por la revisión de la moderación.
propose-org-self = Yo
field-propose-title = Título
field-propose-title-hint = El nombre en su idioma original o en el idioma de esta página.
field-propose-summary = Resumen
field-propose-summary-hint = Unas frases: qué hace, para quién, dónde.
field-propose-website = Sitio web
field-propose-website-hint = Una dirección que empiece por https:// o http://.
field-propose-countries = Países
field-propose-countries-hint = Códigos ISO de dos letras separados por comas, por ejemplo SN, KE.
field-propose-tags = Nodos de marcos
field-propose-tags-hint = Identificadores de nodos separados por comas, por ejemplo sdg:4.1, gdc:1.1.1.
field-propose-message = Nota para los moderadores
field-propose-message-hint = Por qué este cambio y sus fuentes (opcional).
propose-error-unknown_country = no hay ningún país con el código «{ $value }».
propose-error-unknown_node = no existe el nodo «{ $value }».
propose-error-invalid_url = «{ $value }» no es una dirección web que empiece por http:// o https://.
propose-error-unchanged = esta modificación no cambia nada.
nav-mine = Mis propuestas
mine-title = Mis propuestas
mine-empty = Todavía no ha propuesto nada.
mine-col-state = Estado
mine-col-reason = Último motivo de un moderador
mine-col-at = Último cambio
proposal-revise = Revisar esta propuesta
proposal-withdraw = Retirar esta propuesta
propose-revise-title = Revisar su propuesta
entry-members = Miembros y adhesión
members-title = Miembros de la organización
members-col-name = Nombre
members-col-role = Función
members-col-since = Desde
members-col-actions = Acciones
members-remove = Quitar
members-join-title = Pedir unirse a esta organización
members-join-submit = Enviar la solicitud
members-join-pending = Su solicitud espera a un editor de la organización.
members-add-title = Añadir un miembro o cambiar una función
members-add-submit = Guardar
members-requests-title = Solicitudes de adhesión
members-requests-empty = Ninguna solicitud pendiente.
members-request-approve = Aceptar como miembro
members-request-decline = Rechazar
member-role-member = Miembro
member-role-editor = Editor
field-member-person = Correo electrónico de la persona
field-member-person-hint = La dirección de su cuenta de cogov.
field-member-role = Función
field-member-message = Mensaje a los editores
field-member-message-hint = Quién es usted en la organización (opcional).
member-error-unknown_account = ninguna cuenta tiene esta dirección: la persona debe registrarse primero.
member-error-last_editor = no se puede quitar al último editor: nombre antes a otro editor.
