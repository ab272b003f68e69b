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

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = API JSON
api-intro = Les programmes peuvent lire en JSON tout ce que cogov publie, sous /api/v1. La description lisible par machine (OpenAPI 3.1) de chaque opération ci-dessous :
api-conventions = Les textes sont fournis dans toutes les langues enregistrées ; lang=ar, en, es, fr, ru ou zh ajoute un libellé dans cette langue. Les filtres acceptent des valeurs séparées par des virgules. Un paramètre inconnu est refusé, avec son nom.
api-contents = Sections de l’API
api-parameters = Paramètres
api-col-name = Nom
api-col-in = Emplacement
api-col-description = Explication
api-required = obligatoire
api-errors = Codes d’erreur
api-errors-intro = Chaque erreur renvoie un corps JSON : error (l’un des codes ci-dessous, jamais renommés), message, et field ou errors lorsqu’un paramètre ou plusieurs champs sont en cause.
api-col-code = Code
api-col-status = Statut HTTP
api-col-meaning = Signification
api-error-not-found = Le cadre, le nœud, la fiche, le pays ou le point d’accès n’existe pas.
api-error-invalid-parameter = Un paramètre est inconnu ou sa valeur n’est pas acceptable ; field le nomme.
api-error-validation-failed = L’enregistrement soumis n’est pas valide ; errors énumère chaque champ.
api-error-conflict = L’écriture entre en conflit avec les données enregistrées, par exemple un identifiant déjà pris ou une modification simultanée.
api-error-file-refused = Un fichier a été refusé en bloc ; errors énumère chaque problème avec sa ligne.
api-error-internal = Une défaillance de notre côté ; les détails sont journalisés, pas envoyés.
api-error-unauthenticated = Aucune session ni aucun jeton d’API valide.
api-error-forbidden = Connecté, mais sans autorisation pour cette action.
api-error-rate-limited = Trop de requêtes ; Retry-After indique quand réessayer.
api-error-unavailable = La base de données n’accepte pas d’écriture pour le moment (disque plein ou en lecture seule) ; la lecture fonctionne et rien n’a été écrit.
api-error-method-not-allowed = Le chemin existe, mais pas avec cette méthode HTTP ; l’en-tête Allow indique les méthodes acceptées.
api-error-email-unverified = Le compte n’a pas confirmé son adresse électronique : il peut lire et se gérer lui-même, mais pas proposer, examiner, confirmer, demander à rejoindre ni créer de jetons d’écriture. POST /api/v1/me/verification envoie un nouveau lien.
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
entry-import-flags = Problèmes relevés à l'import
entry-import-flags-intro = La source dont cette fiche a été importée ne suit pas entièrement sa norme. La fiche a été importée telle quelle ; voici les problèmes relevés dans le fichier source :
entry-import-flag-at = ligne { $line }, colonne { $column }
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
country-map-link = { $name } sur la carte de mise en œuvre du Pacte numérique mondial : contributions, adhésions et lacunes
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
search-label = Rechercher dans le registre
search-button = Rechercher
search-sort = Ordre
search-sort-relevance = Pertinence
search-sort-recent = Les plus récents
search-count = { $count ->
    [one] Une fiche trouvée.
   *[other] { $count } fiches trouvées.
}
search-nothing = Aucun résultat. Vérifiez l’orthographe, utilisez moins de mots ou retirez un filtre.
search-active-filters = Filtres :
search-remove-filter = Retirer ce filtre
search-refine = Affiner les résultats
search-more-values = et { $count } de plus
search-next = Résultats suivants
search-depth-capped = Seuls les 1 000 premiers résultats peuvent être parcourus : ajoutez des mots ou des filtres pour affiner la recherche.
search-facet-kind = Type
search-facet-node = Cadre
search-facet-country = Pays
search-facet-region = Région
search-facet-group = Groupe de pays
search-facet-stakeholder = Groupe de parties prenantes
search-facet-language = Langue
search-facet-status = Statut
home-search = Rechercher dans le registre

## GDC implementation map

nav-map = Carte du PNM
map-nav = Carte de mise en œuvre
map-nav-heatmap = Couverture
map-nav-world = Carte du monde
map-nav-gaps = Lacunes
map-nav-endorsements = Adhésions
map-nav-report = Rapport d'avancement
map-heatmap-title = Pacte numérique mondial : carte de mise en œuvre
map-heatmap-lead = { $count } contributions publiées, comptées pour chaque engagement du Pacte.
map-heatmap-caption = Contributions par engagement. La couverture implicite (fiches associées à un nœud ODD ou SMSI lié) est présentée à part et n'entre pas dans le total.
map-col-commitment = Engagement
map-col-total = Total
map-col-implied = Implicite (hors total)
map-col-country = Pays ou zone
map-col-contributions = Contributions
map-col-title = Titre
map-col-why = Nature de la lacune
map-col-measure = Décompte
map-col-node = Nœud
map-col-entry = Fiche
map-col-kind = Type
map-col-tags = Étiquettes liées
map-col-group = Groupe de parties prenantes
map-col-endorsements = Adhésions
map-col-region = Région
map-col-objective = Objectif
map-col-covered = Engagements avec contributions
map-col-when = Date
map-col-who = Auteur
map-col-fields = Champs modifiés
map-col-contribution = Contribution
map-col-contributor = Contributeur
map-col-commitments = Engagements
map-col-progress = Avancement
map-col-period = Période
map-col-countries = Pays
map-col-evidence = Justification
map-col-actor = Organisation
map-col-date = Date
map-col-objectives = Objectifs
map-world-title = Contributions par pays
map-world-alt = Carte du monde : pays colorés selon le nombre de contributions ; le tableau ci-dessous donne les chiffres.
map-world-caption = Contributions publiées prenant effet dans chaque pays (une contribution compte dans chaque pays qu'elle cite)
map-world-credit = Frontières : Natural Earth (domaine public) ; elles n'impliquent aucune prise de position quant au statut juridique des pays ou territoires.
map-gaps-title = Lacunes : engagements sans contributions ou avec peu de contributions
map-gaps-lead = Un engagement figure ici s'il compte au plus { $few } contributions au total, pour les pays les moins avancés ou pour les petits États insulaires en développement.
map-gaps-caption = Engagements présentant des lacunes, dans l'ordre du Pacte
map-gap-none = aucune contribution
map-gap-few = peu de contributions
map-gap-ldc = peu ou pas pour les PMA
map-gap-sids = peu ou pas pour les PEID
map-commitment-title = Engagement
map-commitment-counts = Contributions publiées par avancement, groupe de parties prenantes, région et groupe de pays
map-commitment-contributions = Contributions à cet engagement
map-commitment-crosswalk = ODD et grandes orientations du SMSI liés
map-commitment-implied = Couverture implicite : { $count } fiches publiées associées à un nœud ODD ou SMSI lié (pas des contributions)
map-country-title = Pacte numérique mondial
map-country-contributions = Contributions prenant effet ici
map-country-endorsements = Adhésions d'organisations établies ici
map-country-gaps = Lacunes : engagements avec au plus { $few } contributions dans ce pays
map-endorsements-title = Adhésions au Pacte numérique mondial
map-endorsements-lead = { $count } adhésions publiées correspondent.
map-endorsements-by-group = Par groupe de parties prenantes
map-endorsements-by-region = Par région (une organisation compte dans chaque région où elle est établie)
map-endorsements-list = Organisations adhérentes
map-region-none = Sans pays précis
map-group-none = Initiatives (sans groupe)
map-report-title = Rapport d'avancement
map-report-lead = Contributions actives et adhésions du { $from } au { $to }. Imprimez cette page pour en avoir une copie papier.
map-report-objectives = Par objectif
map-report-contributions = Contributions actives pendant la période
map-report-endorsements = Adhésions pendant la période
map-contribution-title = Contribution au Pacte numérique mondial
map-contribution-summary = Résumé
map-contribution-history = Historique
map-contributions-caption = { $title } ({ $count })
progress-planned = Prévue
progress-ongoing = En cours
progress-completed = Achevée
evidence-self-declared = Auto-déclarée
evidence-documented = Documentée
evidence-verified = Vérifiée
map-filter-any = Tous
map-filter-by = Colonnes
map-filter-evidence = Justification au moins
map-filter-dev = Groupe de pays
map-filter-from = Du (AAAA-MM-JJ)
map-filter-to = Au (AAAA-MM-JJ)
map-filter-few = Peu signifie au plus
map-filter-apply = Afficher
map-sample-note = Cette instance présente un échantillon illustratif : les contributions et adhésions des organisations marquées « illustrative sample » ne sont pas de vraies déclarations.
map-legend = Légende :
map-export = Télécharger cette vue :
map-objective-n = Objectif { $n }
map-action-contribute = Déclarer une contribution
map-action-endorse = Approuver le Pacte
map-action-history = Historique public de cette contribution
map-action-correct = Proposer une correction ou un point d’avancement
contribute-title = Déclarer une contribution au Pacte numérique mondial
contribute-correct-title = Proposer une correction à cette contribution
contribute-intro = Dites ce que votre organisation ou initiative fait pour un ou plusieurs engagements du Pacte. Les modérateurs l’examinent avant sa publication ; leur décision et sa raison figurent dans l’historique public de la contribution. Votre nom d’affichage accompagne la proposition.
endorse-title = Approuver le Pacte numérique mondial
endorse-intro = Une organisation approuve le Pacte une seule fois, avec la date et les objectifs qu’elle soutient. Les modérateurs examinent l’approbation avant sa publication dans la liste publique.
mapform-revise-title = Réviser votre proposition
mapform-direct = En tant qu’éditeur de { $orgs }, ce que vous déclarez pour elle est publié aussitôt, sans examen.
mapform-your-orgs = Organisations dont vous êtes membre (utilisez leur nom court) : { $orgs }.
mapform-no-translation = Pas de traduction
mapform-choose = Choisir
mapform-verified-moderators = Seuls les modérateurs peuvent marquer une contribution comme vérifiée.
mapform-history-contribution = Chaque modification de cette contribution et chaque examen d’une proposition la concernant : qui, quand et pourquoi.
mapform-history-endorsement = Chaque modification de cette approbation et chaque examen d’une proposition la concernant : qui, quand et pourquoi.
mapform-endorsement-by = Approbation de { $actor }
mapform-error-unknown_entry = le registre ne contient aucune organisation ou initiative « { $value } ».
mapform-error-not_allowed = « { $value } » ne convient pas ici : les contributions viennent d’organisations ou d’initiatives, les approbations d’organisations.
mapform-error-unknown_commitment = « { $value } » n’est pas un engagement du Pacte numérique mondial.
mapform-error-unknown_node = ce nœud n’existe pas : « { $value } ».
mapform-error-unknown_country = aucun pays n’a le code « { $value } ».
mapform-error-invalid_url = « { $value } » n’est pas une adresse web commençant par http:// ou https://.
mapform-error-ends_before_start = la période se termine avant de commencer.
mapform-error-invalid_date = « { $value } » n’est pas une date (année-mois-jour).
mapform-error-evidence_required = ce niveau exige au moins un lien de preuve.
mapform-error-moderators_only = seuls les modérateurs peuvent marquer une contribution comme vérifiée.
mapform-error-duplicate = « { $value } » figure deux fois.
mapform-error-unknown_objective = « { $value } » n’est pas un objectif du Pacte.
mapform-error-already_endorsed = « { $value } » a déjà approuvé le Pacte.
mapform-error-unchanged = cette proposition ne change rien.
field-contribute-contributor = Organisation ou initiative
field-contribute-contributor-hint = Son nom court dans le registre (comme dans son adresse, par exemple ministere-tic), ou son identifiant.
field-contribute-commitments = Engagements
field-contribute-commitments-hint = Cochez chaque engagement auquel la contribution concourt.
field-contribute-sdg_targets = Cibles des ODD (facultatif)
field-contribute-sdg_targets-hint = Codes séparés par des virgules, par exemple 4.1, 9.c.
field-contribute-wsis_lines = Grandes orientations du SMSI (facultatif)
field-contribute-wsis_lines-hint = Codes séparés par des virgules, par exemple C3, C7.
field-contribute-text_lang = Langue du titre et de la description
field-contribute-title = Titre
field-contribute-description = Description
field-contribute-description-hint = Ce qui est fait, pour qui, où ; les résultats obtenus.
field-contribute-lang2 = Traduction : langue
field-contribute-lang2-hint = Facultatif : le titre et la description dans une deuxième langue.
field-contribute-title2 = Traduction : titre
field-contribute-description2 = Traduction : description
field-contribute-start = Date de début
field-contribute-start-hint = Année-mois-jour, par exemple 2025-03-01.
field-contribute-end = Date de fin (facultatif)
field-contribute-end-hint = Laisser vide si la durée est indéterminée.
field-contribute-progress = Avancement
field-contribute-countries = Pays concernés
field-contribute-countries-hint = Codes ISO à deux lettres séparés par des virgules, par exemple SN, KE ; vide si aucun pays en particulier.
field-contribute-evidence = Liens de preuve
field-contribute-evidence-hint = Une adresse par ligne, éventuellement suivie d’une espace et d’un libellé.
field-contribute-evidence_level = Niveau de preuve
field-contribute-evidence_level-hint = Auto-déclaré, ou documenté par des liens de preuve publics.
field-contribute-message = Note pour les modérateurs
field-contribute-message-hint = Pourquoi, et vos sources (facultatif).
field-endorse-actor = Organisation
field-endorse-actor-hint = Son nom court dans le registre (comme dans son adresse), ou son identifiant.
field-endorse-date = Date de l’approbation
field-endorse-date-hint = Année-mois-jour, par exemple 2025-03-01.
field-endorse-objectives = Objectifs soutenus
field-endorse-objectives-hint = Cochez-en au moins un.
field-endorse-statement_lang = Langue de la déclaration
field-endorse-statement = Déclaration (facultatif)
field-endorse-message = Note pour les modérateurs
field-endorse-message-hint = Pourquoi, et vos sources (facultatif).

## Comptes (personnes et confiance)
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
nav-account = Compte
nav-admin = Administration
form-errors-title = Veuillez corriger ce qui suit
form-error-required = ce champ est obligatoire.
form-error-invalid = cette valeur n’est pas valide.
form-error-too_short = trop court : au moins 12 caractères.
form-error-too_long = trop long.
form-error-mismatch = ce n’est pas votre mot de passe.
form-error-self = vous ne pouvez pas faire cela à votre propre compte.
form-error-not_member = vous ne pouvez agir que pour une organisation dont vous êtes membre.
form-error-unknown_org = cette organisation n’existe pas.
form-error-sign_in_refused = l’adresse électronique ou le mot de passe est erroné, ou le compte est bloqué un moment après trop de tentatives.
field-email = Adresse électronique
field-name = Nom affiché
field-name-hint = Affiché à côté de vos contributions.
field-password = Mot de passe
field-password-hint = Au moins 12 caractères.
field-token_name = Nom du jeton
field-scope = Portée
field-confirm = Votre mot de passe, pour confirmer
field-reason = Motif
sign-in-title = Connexion
sign-in-submit = Se connecter
sign-in-register = Créer un compte
sign-in-forgot = Mot de passe oublié ?
sign-in-or = Ou :
oidc-sign-in-with = Se connecter avec { $name }
oidc-error-title = La connexion par votre fournisseur n’a pas abouti
oidc-error-back = Retour à la page de connexion
oidc-error-not_configured = Ce site ne propose pas de connexion par un autre fournisseur.
oidc-error-state = Cette connexion n’est plus valable : elle a déjà servi, elle a expiré ou elle a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.
oidc-error-denied = Vous avez annulé la connexion chez le fournisseur. Rien n’a été modifié.
oidc-error-provider = Le fournisseur a envoyé une réponse que ce site ne peut pas utiliser. Réessayez plus tard ; si cela se répète, prévenez les administrateurs du site.
oidc-error-unreachable = Le fournisseur est injoignable. Réessayez dans quelques minutes, ou connectez-vous avec votre adresse électronique et votre mot de passe.
oidc-error-token = La réponse du fournisseur n’a pas pu être vérifiée : vous n’êtes pas connecté. Recommencez depuis la page de connexion.
oidc-error-no_email = Le fournisseur n’a pas communiqué d’adresse électronique, nécessaire pour un compte ici. Autorisez-le à la communiquer et réessayez.
oidc-error-email_taken = Un compte existe déjà avec cette adresse électronique. Connectez-vous avec son mot de passe ; il ne peut être relié au fournisseur que si l’adresse est vérifiée des deux côtés.
oidc-error-banned = Ce compte est suspendu.
register-title = Créer un compte
register-intro = Nous enverrons un lien pour confirmer votre adresse électronique.
register-submit = Créer le compte
register-done = Merci. Si cette adresse peut être utilisée, un message est en route : ouvrez son lien pour confirmer l’adresse.
verify-title = Confirmer votre adresse électronique
verify-done = Votre adresse électronique est confirmée.
verify-failed = Ce lien n’est plus valide (déjà utilisé ou expiré).
verify-resend = Envoyer un nouveau lien de confirmation
verify-resent = Un nouveau lien de confirmation est en route vers votre adresse. Il fonctionne une fois, pendant 48 heures.
error-unverified-title = Confirmez d’abord votre adresse électronique
error-unverified-text = Vous pouvez tout consulter et gérer votre compte, mais vous ne pourrez proposer, examiner, confirmer des fiches, demander à rejoindre une organisation ou créer des jetons d’écriture qu’une fois votre adresse confirmée. Ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau.
error-parameter = L’adresse contient un paramètre inutilisable ici : « { $name } ». Supprimez-le ou corrigez-le.
forgot-title = Réinitialiser votre mot de passe
forgot-intro = Indiquez l’adresse de votre compte : nous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Envoyer le lien
forgot-done = Si un compte utilise cette adresse, un message avec un lien est en route.
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe est changé et vous êtes déconnecté partout. Vous pouvez maintenant vous connecter.
account-title = Votre compte
account-unverified = adresse pas encore confirmée
account-profile = Profil
account-save = Enregistrer
account-sessions = Où vous êtes connecté
account-session-device = Navigateur
account-session-since = Depuis
account-session-seen = Dernière activité
account-session-current = ce navigateur
account-revoke = Révoquer
account-tokens = Jetons d’API
account-token-used = Dernière utilisation
account-token-revoked = révoqué
account-token-create = Créer un jeton
account-token-created = Votre nouveau jeton : copiez-le maintenant, il ne sera plus affiché.
account-data = Vos données
account-export = Télécharger vos données personnelles (JSON)
account-delete = Supprimer votre compte
role-user = utilisateur
role-moderator = modérateur
role-admin = administrateur
admin-users-title = Comptes
admin-users-count = { $count ->
    [one] { $count } compte
   *[other] { $count } comptes
}
admin-role = Rôle
admin-actions = Actions
admin-banned = banni
admin-set-role = Changer le rôle
admin-ban = Bannir
admin-unban = Lever le bannissement
admin-audit-title = Journal d’audit
admin-audit-when = Quand
admin-audit-who = Qui
admin-audit-action = Action
admin-audit-target = Objet
admin-audit-older = Événements plus anciens

## Submission and review (pages)

nav-review = File de relecture
entry-stale = Peut-être obsolète :
entry-stale-since = ses responsables ne l’ont pas confirmée depuis le { $date }.
entry-stale-label = peut-être obsolète
entry-confirm = Confirmer que cette fiche est toujours exacte
entry-history-full = Historique public complet, avec relectures et motifs
history-title = Historique public
history-intro = Chaque modification de cette fiche et chaque relecture d’une proposition la concernant : qui, quand et pourquoi.
history-empty = Aucun historique enregistré pour l’instant.
history-why = Motif :
history-revision = Révision { $number }
history-status-change = statut : { $from } → { $to }
history-status-set = statut : { $to }
history-submitted = Proposition soumise
history-changes_requested = Modifications demandées
history-resubmitted = Proposition révisée
history-approved = Proposition approuvée
history-rejected = Proposition rejetée
history-withdrawn = Proposition retirée
history-published_directly = Publiée directement par un éditeur de l’organisation
review-title = File de relecture
review-empty = Aucune proposition n’attend de relecture.
review-col-proposal = Proposition
review-col-what = Type
review-col-by = Proposée par
review-col-at = Soumise le
proposal-target-entry = fiche
proposal-target-contribution = contribution au PMN
proposal-target-endorsement = adhésion au PMN
proposal-edit = Modification d’une { $target } existante
proposal-new = Nouvelle { $target }
proposal-title = Proposition
proposal-by = proposée par
proposal-record = la fiche publiée
proposal-message = Note de l’auteur
proposal-changes = Modifications proposées
proposal-no-changes = Cette proposition ne modifie aucun champ.
proposal-col-field = Champ
proposal-col-before = Actuellement
proposal-col-after = Proposé
proposal-events = Relecture jusqu’ici
proposal-state-pending = en attente de relecture
proposal-state-changes_requested = modifications demandées
proposal-state-approved = approuvée
proposal-state-rejected = rejetée
proposal-state-withdrawn = retirée
proposal-state-published = publiée directement
decision-title = Votre décision
field-decision-reason = Motif
field-decision-reason-hint = Obligatoire pour rejeter ou demander des modifications ; affiché publiquement dans l’historique.
decision-approve = Approuver et publier
decision-request-changes = Demander des modifications
decision-reject = Rejeter
decision-error-reason-required = Motif : indiquez un motif pour rejeter ou demander des modifications.
decision-error-decision-required = Choisissez approuver, demander des modifications ou rejeter.
decision-error-conflict = Cette proposition ne peut plus être tranchée ainsi : elle l’a déjà été, ou la fiche a changé depuis (demandez à son auteur de la réviser).
review-count = { $count ->
    [one] Une proposition attend, la plus ancienne en premier.
   *[other] { $count } propositions attendent, les plus anciennes en premier.
}
nav-propose = Proposer une fiche
entry-propose-edit = Proposer une correction de cette fiche
propose-new-title = Proposer une nouvelle fiche
propose-edit-title = Proposer une modification
propose-intro = Les modérateurs relisent chaque proposition avant publication ; leur décision et son motif figurent dans l’historique public de la fiche. Votre nom public est affiché avec la proposition.
propose-choose-kind = Choisissez un type
propose-honeypot = Laissez ce champ vide
propose-submit = Envoyer en relecture
field-propose-kind = Type
field-propose-kind-hint = Ce que décrit la fiche : une organisation, une initiative, un bien public numérique…
field-propose-org = Agir pour
field-propose-org-hint-direct = Proposez en votre nom, ou pour une organisation dont vous êtes éditeur ou éditrice : la fiche est alors publiée aussitôt, au nom de l’organisation.
field-propose-org-hint-review = Proposez en votre nom, ou pour une organisation dont vous êtes éditeur ou éditrice : dans les deux cas, la proposition passe par la modération.
propose-org-self = Moi-même
field-propose-title = Titre
field-propose-title-hint = Le nom dans sa langue d’origine ou dans la langue de cette page.
field-propose-summary = Résumé
field-propose-summary-hint = Quelques phrases : ce qu’elle fait, pour qui, où.
field-propose-website = Site web
field-propose-website-hint = Une adresse commençant par https:// ou http://.
field-propose-countries = Pays
field-propose-countries-hint = Codes ISO à deux lettres séparés par des virgules, par exemple SN, KE.
field-propose-tags = Nœuds de référentiels
field-propose-tags-hint = Identifiants de nœuds séparés par des virgules, par exemple sdg:4.1, gdc:1.1.1.
field-propose-message = Note pour les modérateurs
field-propose-message-hint = Pourquoi cette modification, et vos sources (facultatif).
propose-error-unknown_country = aucun pays n’a le code « { $value } ».
propose-error-unknown_node = aucun nœud de référentiel « { $value } ».
propose-error-invalid_url = « { $value } » n’est pas une adresse web commençant par http:// ou https://.
propose-error-unchanged = cette modification ne change rien.
nav-mine = Mes propositions
mine-title = Mes propositions
mine-empty = Vous n’avez encore rien proposé.
mine-col-state = Où elle en est
mine-col-reason = Dernier motif d’un modérateur
mine-col-at = Dernière modification
proposal-revise = Réviser cette proposition
proposal-withdraw = Retirer cette proposition
propose-revise-title = Réviser votre proposition
entry-members = Membres et adhésion
members-title = Membres de l’organisation
members-col-name = Nom
members-col-role = Rôle
members-col-since = Depuis
members-col-actions = Actions
members-remove = Retirer
members-join-title = Demander à rejoindre cette organisation
members-join-submit = Envoyer la demande
members-join-pending = Votre demande d’adhésion attend un éditeur de l’organisation.
members-add-title = Ajouter un membre ou changer un rôle
members-add-submit = Enregistrer
members-requests-title = Demandes d’adhésion
members-requests-empty = Aucune demande en attente.
members-request-approve = Accepter comme membre
members-request-decline = Refuser
member-role-member = Membre
member-role-editor = Éditeur
field-member-person = Adresse électronique de la personne
field-member-person-hint = L’adresse de son compte cogov.
field-member-role = Rôle
field-member-message = Message aux éditeurs
field-member-message-hint = Qui vous êtes dans l’organisation (facultatif).
member-error-unknown_account = aucun compte n’a cette adresse : la personne doit d’abord s’inscrire.
member-error-last_editor = le dernier éditeur ne peut pas être retiré : nommez d’abord un autre éditeur.
