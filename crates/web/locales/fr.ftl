# Messages de l'interface de cogov : français.

## Cadre de la page

site-description = cogov : un point d'entrée commun dans la coopération numérique mondiale
skip-to-content = Aller au contenu
nav-main = Navigation principale
nav-language = Langue
nav-breadcrumb = Fil d'Ariane
nav-frameworks = Cadres
nav-entries = Fiches
nav-countries = Pays
footer-text = cogov est un logiciel libre. Textes des cadres : Organisation des Nations Unies ; chaque page de cadre et de nœud indique sa source.
footer-api = API JSON
see-all = Tout voir
next-page = Page suivante

## Accueil

home-title = Accueil
home-heading = Un point d'entrée commun dans la coopération numérique mondiale
home-lead = Qui fait quoi, et où, au regard des cadres communs : les objectifs de développement durable, les grandes orientations du SMSI, le Pacte numérique mondial, le Plan d'action de coopération numérique du Secrétaire général et les travaux du Forum sur la gouvernance de l'Internet — reliés entre eux par des tables de correspondance.
home-registry = Le registre
home-entry-count = { $count ->
    [one] { $count } fiche publiée
   *[other] { $count } fiches publiées
}
home-country-count = { $count ->
    [one] { $count } pays ou zone
   *[other] { $count } pays et zones
}
home-browse-entries = Parcourir les fiches
home-browse-countries = Parcourir les pays

## Cadres

frameworks-caption = Cadres communs, dans l'ordre de chargement
col-framework = Cadre
col-code = Code
col-nodes = Nœuds
col-version = Version
col-source = Source
node-count = { $count ->
    [one] { $count } nœud
   *[other] { $count } nœuds
}
framework-version = version { $version }
label-source = Source :
label-licence = Licence :
framework-notes = Notes de transcription
framework-structure = Structure
framework-hidden = { $count ->
    [one] Un nœud de niveau inférieur figure sur la page du nœud dont il relève.
   *[other] { $count } nœuds de niveaux inférieurs figurent sur les pages des nœuds dont ils relèvent.
}
node-open = Ouvrir { $code }

## Niveaux des cadres

level-goal = Objectif
level-target = Cible
level-indicator = Indicateur
level-line = Grande orientation
level-sub-line = Sous-orientation
level-section = Section
level-objective = Objectif
level-area = Domaine
level-commitment = Engagement
level-action = Mesure
level-recommendation = Recommandation
level-recommendation-set = Série de recommandations
level-group = Groupe
level-model = Modèle
level-activity = Activité
level-activity-type = Type d'activité

## Nœud

node-no-official-text = Aucun texte officiel n'était disponible lors du chargement de ce nœud : il est désigné par sa position. Le texte officiel peut être ajouté en important une nouvelle version du fichier du cadre.
node-official-page = Page officielle
node-also-in = Également en :
node-below = Sous ce nœud
node-crosswalks = Correspondances
node-no-crosswalk = Aucun nœud d'un autre cadre n'est relié à celui-ci.
crosswalk-direct = lien direct
crosswalk-through = par
node-entries = Fiches rattachées à ce nœud
node-no-entries = Aucune fiche publiée n'est encore rattachée à ce nœud ni à un nœud de niveau inférieur.
node-entry-count = { $count ->
    [one] { $count } fiche publiée est rattachée à ce nœud ou à un nœud de niveau inférieur.
   *[other] { $count } fiches publiées sont rattachées à ce nœud ou à un nœud de niveau inférieur.
}

## Fiches

entries-title = Fiches
filter-kind = Type
filter-any-kind = Tous les types
filter-country = Pays (code ISO)
filter-node = Nœud d'un cadre
filter-submit = Filtrer
entries-count = { $count ->
    [one] { $count } fiche publiée correspond.
   *[other] { $count } fiches publiées correspondent.
}
error-summary-title = Un problème est survenu
error-invalid-kind = « { $value } » n'est pas un type de fiche : choisissez-en un dans la liste.
error-invalid-country = Aucun pays n'a le code « { $value } » : saisissez un code ISO 3166-1 à deux lettres, par exemple SN.
error-invalid-node = Il n'existe pas de nœud « { $value } » : les identifiants de nœud s'écrivent par exemple sdg:4.1 ou gdc:1.1.1.
error-invalid-cursor = Ce lien de page n'est plus valable : recommencez à partir de la première page.

## Fiche

entry-updated = mise à jour le { $date }
entry-evidence = justificatif
entry-identifiers = Identifiants
entry-history = Historique
provenance-manual = Saisie par { $by }.
provenance-imported = Importée de { $source } ({ $id }).
provenance-suggested = Proposée par { $method }.
provenance-peer = Reçue de { $instance }.

kind-actor = Organisation
kind-initiative = Initiative
kind-dpg = Bien public numérique
kind-process = Processus ou forum
kind-document = Document
kind-event = Manifestation

stakeholder-government = Gouvernement
stakeholder-intergovernmental = Organisation intergouvernementale
stakeholder-private-sector = Secteur privé
stakeholder-civil-society = Société civile
stakeholder-technical-community = Communauté technique
stakeholder-academia = Milieux universitaires

status-draft = Brouillon
status-submitted = Soumise
status-published = Publiée
status-rejected = Refusée
status-archived = Archivée

## Pays

countries-title = Pays et zones
filter-group = Groupe
filter-all-groups = Tous les pays et zones
filter-show = Afficher
countries-caption = { $count } pays et zones (norme M49 de l'ONU ; PMA, PDSL et PEID tels que désignés par l'Organisation des Nations Unies)
col-country = Pays ou zone
col-iso = Code ISO
col-region = Région
col-subregion = Sous-région
col-groups = Groupes
group-ldc = PMA
group-lldc = PDSL
group-sids = PEID
group-ldc-name = Pays les moins avancés (PMA)
group-lldc-name = Pays en développement sans littoral (PDSL)
group-sids-name = Petits États insulaires en développement (PEID)
country-entries = Fiches : { $name }
country-no-entries = Aucune fiche publiée ne mentionne encore ce pays.
country-entry-count = { $count ->
    [one] { $count } fiche publiée.
   *[other] { $count } fiches publiées.
}

## Erreurs

error-not-found-title = Page introuvable
error-not-found-text = Il n'y a rien à cette adresse. Elle a peut-être été mal saisie, ou la page a été déplacée.
error-internal-title = Une erreur s'est produite
error-internal-text = La page n'a pas pu être chargée. Veuillez réessayer plus tard.
error-request-title = Cette demande n'a pas pu aboutir
error-request-text = L'adresse contient une valeur inutilisable. Vérifiez-la, ou recommencez à partir de la page d'accueil.
error-home = Aller à la page d'accueil

## Dates

date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
datetime = { $date }, { $time } UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Search
nav-search = Rechercher
search-title = Rechercher
search-button = Rechercher

