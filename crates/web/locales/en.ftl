# cogov interface messages: English (the reference; every other file has the same keys).
# Numbers in placeables are formatted per language by the server (digit grouping); dates arrive formatted.

## Page frame

site-description = cogov: a common entry point into global digital cooperation
skip-to-content = Skip to content
nav-main = Main
nav-language = Language
nav-breadcrumb = Breadcrumb
nav-frameworks = Frameworks
nav-entries = Entries
nav-countries = Countries
footer-text = cogov is open-source software. Framework texts: United Nations; every framework and node page names its source.
footer-api = JSON API

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = JSON API
api-intro = Programs can read everything public in cogov as JSON under /api/v1. The machine-readable description (OpenAPI 3.1) of every operation below:
api-conventions = Texts come in every language stored; lang=ar, en, es, fr, ru or zh adds a label in that language. Filters take comma-separated values. Unknown parameters are refused with their name.
api-contents = API sections
api-parameters = Parameters
api-col-name = Name
api-col-in = Where
api-col-description = Description
api-required = required
api-errors = Error codes
api-errors-intro = Every error answers with a JSON body: error (one of the codes below, never renamed), message, and field or errors when a parameter or several fields are concerned.
api-col-code = Code
api-col-status = HTTP status
api-col-meaning = Meaning
api-error-not-found = The framework, node, entry, country or endpoint does not exist.
api-error-invalid-parameter = A parameter is unknown or its value is not acceptable; field names it.
api-error-validation-failed = A submitted record fails validation; errors lists every field.
api-error-conflict = The write conflicts with stored data, such as a taken slug or a concurrent edit.
api-error-file-refused = A file was refused as a whole; errors lists every problem with its line.
api-error-internal = A failure on our side; the details are logged, not sent.
api-error-unauthenticated = No valid session or API token.
api-error-forbidden = Signed in, but not allowed to do this.
api-error-rate-limited = Too many requests; Retry-After says when to try again.
api-error-unavailable = The database does not accept writes now (disk full or read-only); reading still works and nothing was written.
api-error-method-not-allowed = The path exists but not with this HTTP method; the Allow header lists the methods it accepts.
api-error-email-unverified = The account has not confirmed its e-mail address: it can read and manage itself, not propose, review, confirm, join or create write tokens. POST /api/v1/me/verification sends a new link.
see-all = See all
next-page = Next page

## Home

home-title = Home
home-heading = A common entry point into global digital cooperation
home-lead = Who does what, and where, on the shared frameworks: the Sustainable Development Goals, the WSIS Action Lines, the Global Digital Compact, the Secretary-General's Roadmap for Digital Cooperation and the work of the Internet Governance Forum — linked to each other by crosswalks.
home-registry = The registry
home-entry-count = { $count ->
    [one] { $count } published entry
   *[other] { $count } published entries
}
home-country-count = { $count ->
    [one] { $count } country or area
   *[other] { $count } countries and areas
}
home-browse-entries = Browse the entries
home-browse-countries = Browse the countries

## Frameworks

frameworks-caption = Shared frameworks, in load order
col-framework = Framework
col-code = Code
col-nodes = Nodes
col-version = Version
col-source = Source
node-count = { $count ->
    [one] { $count } node
   *[other] { $count } nodes
}
framework-version = version { $version }
label-source = Source:
label-licence = Licence:
framework-notes = Transcription notes
framework-structure = Structure
framework-hidden = { $count ->
    [one] One more node at a deeper level is listed on the page of the node above it.
   *[other] { $count } more nodes at deeper levels are listed on the pages of the nodes above them.
}
node-open = Open { $code }

## Framework levels (from the framework files)

level-goal = Goal
level-target = Target
level-indicator = Indicator
level-line = Action Line
level-sub-line = Sub-line
level-section = Section
level-objective = Objective
level-area = Area
level-commitment = Commitment
level-action = Action
level-recommendation = Recommendation
level-recommendation-set = Set of recommendations
level-group = Group
level-model = Model
level-activity = Activity
level-activity-type = Type of activity

## Node

node-no-official-text = No official text was available when this node was loaded, so it is labelled by its position. The official text can be added by importing a new version of the framework file.
node-official-page = Official page
node-also-in = Also in:
node-below = Below this node
node-crosswalks = Crosswalks
node-no-crosswalk = No node of another framework is linked to this one.
crosswalk-direct = direct link
crosswalk-through = through
node-entries = Entries tagged here
node-no-entries = No published entry is tagged with this node or a node below it yet.
node-entry-count = { $count ->
    [one] One published entry is tagged with this node or a node below it.
   *[other] { $count } published entries are tagged with this node or a node below it.
}

## Entries

entries-title = Entries
filter-kind = Kind
filter-any-kind = Any kind
filter-country = Country (ISO code)
filter-node = Framework node
filter-submit = Filter
entries-count = { $count ->
    [one] One published entry matches.
   *[other] { $count } published entries match.
}
error-summary-title = There is a problem
error-invalid-kind = “{ $value }” is not a kind of entry: choose one from the list.
error-invalid-country = There is no country with the code “{ $value }”: enter a two-letter ISO 3166-1 code, such as SN.
error-invalid-node = There is no framework node “{ $value }”: node ids look like sdg:4.1 or gdc:1.1.1.
error-invalid-cursor = This page link is no longer valid: start again from the first page.

## Entry

entry-updated = updated on { $date }
entry-evidence = evidence
entry-identifiers = Identifiers
entry-import-flags = Problems found on import
entry-import-flags-intro = The source this entry was imported from does not fully follow its standard. The entry was imported as it is; these are the problems found, in the source file:
entry-import-flag-at = line { $line }, column { $column }
entry-history = History
provenance-manual = Entered by { $by }.
provenance-imported = Imported from { $source } ({ $id }).
provenance-suggested = Suggested by { $method }.
provenance-peer = Received from { $instance }.

kind-actor = Organization
kind-initiative = Initiative
kind-dpg = Digital public good
kind-process = Process or forum
kind-document = Document
kind-event = Event

stakeholder-government = Government
stakeholder-intergovernmental = Intergovernmental organization
stakeholder-private-sector = Private sector
stakeholder-civil-society = Civil society
stakeholder-technical-community = Technical community
stakeholder-academia = Academia

status-draft = Draft
status-submitted = Submitted
status-published = Published
status-rejected = Rejected
status-archived = Archived

## Countries

countries-title = Countries and areas
filter-group = Group
filter-all-groups = All countries and areas
filter-show = Show
countries-caption = { $count } countries and areas (UN M49 standard; LDC, LLDC and SIDS as designated by the United Nations)
col-country = Country or area
col-iso = ISO code
col-region = Region
col-subregion = Sub-region
col-groups = Groups
group-ldc = LDC
group-lldc = LLDC
group-sids = SIDS
group-ldc-name = Least developed countries (LDC)
group-lldc-name = Landlocked developing countries (LLDC)
group-sids-name = Small island developing States (SIDS)
country-entries = Entries in { $name }
country-no-entries = No published entry names this country yet.
country-map-link = { $name } on the Global Digital Compact implementation map: contributions, endorsements and gaps
country-entry-count = { $count ->
    [one] One published entry.
   *[other] { $count } published entries.
}

## Errors

error-not-found-title = Page not found
error-not-found-text = There is nothing at this address. It may have been mistyped, or the page may have moved.
error-internal-title = Something went wrong
error-internal-text = The page could not be loaded. Please try again later.
error-request-title = This request could not be completed
error-request-text = The address contains a value that cannot be used. Check it, or start again from the home page.
error-home = Go to the home page

## Dates

date = { $day } { $month } { $year }
datetime = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Search
nav-search = Search
search-title = Search
search-label = Search the registry
search-button = Search
search-sort = Order
search-sort-relevance = Best match
search-sort-recent = Most recent
search-count = { $count ->
    [one] One entry found.
   *[other] { $count } entries found.
}
search-nothing = Nothing matches. Check the spelling, use fewer words or remove a filter.
search-active-filters = Filters:
search-remove-filter = Remove this filter
search-refine = Refine the results
search-more-values = and { $count } more
search-next = Next results
search-depth-capped = Only the first 1,000 results can be browsed: add words or filters to narrow the search.
search-facet-kind = Kind
search-facet-node = Framework
search-facet-country = Country
search-facet-region = Region
search-facet-group = Country group
search-facet-stakeholder = Stakeholder group
search-facet-language = Language
search-facet-status = Status
home-search = Search the registry

## GDC implementation map

nav-map = GDC map
map-nav = Implementation map
map-nav-heatmap = Coverage
map-nav-world = World map
map-nav-gaps = Gaps
map-nav-endorsements = Endorsements
map-nav-report = Progress report
map-heatmap-title = Global Digital Compact: implementation map
map-heatmap-lead = { $count } published contributions, counted for each commitment of the Compact.
map-heatmap-caption = Contributions per commitment. Implied coverage (entries tagged with a linked SDG or WSIS node) is shown apart and is not part of the total.
map-col-commitment = Commitment
map-col-total = Total
map-col-implied = Implied (not in total)
map-col-country = Country or area
map-col-contributions = Contributions
map-col-title = Title
map-col-why = Why it is a gap
map-col-measure = Count of
map-col-node = Node
map-col-entry = Entry
map-col-kind = Kind
map-col-tags = Linked tags
map-col-group = Stakeholder group
map-col-endorsements = Endorsements
map-col-region = Region
map-col-objective = Objective
map-col-covered = Commitments with contributions
map-col-when = When
map-col-who = Who
map-col-fields = Fields changed
map-col-contribution = Contribution
map-col-contributor = Contributor
map-col-commitments = Commitments
map-col-progress = Progress
map-col-period = Period
map-col-countries = Countries
map-col-evidence = Evidence
map-col-actor = Organization
map-col-date = Date
map-col-objectives = Objectives
map-world-title = Contributions per country
map-world-alt = World map: countries shaded by the number of contributions; the table below gives the numbers.
map-world-caption = Published contributions that take effect in each country (a contribution counts in every country it names)
map-world-credit = Boundaries: Natural Earth (public domain); they imply no opinion on the legal status of any country or territory.
map-gaps-title = Gaps: commitments with no or few contributions
map-gaps-lead = A commitment is listed when it has at most { $few } contributions overall, for least developed countries or for small island developing States.
map-gaps-caption = Commitments with gaps, in the Compact's order
map-gap-none = no contributions
map-gap-few = few contributions
map-gap-ldc = few or none for LDCs
map-gap-sids = few or none for SIDS
map-commitment-title = Commitment
map-commitment-counts = Published contributions by progress, stakeholder group, region and country group
map-commitment-contributions = Contributions to this commitment
map-commitment-crosswalk = Linked SDGs and WSIS Action Lines
map-commitment-implied = Implied coverage: { $count } published entries tagged with a linked SDG or WSIS node (not contributions)
map-country-title = Global Digital Compact
map-country-contributions = Contributions taking effect here
map-country-endorsements = Endorsements by organizations based here
map-country-gaps = Gaps here: commitments with at most { $few } contributions in this country
map-endorsements-title = Endorsements of the Global Digital Compact
map-endorsements-lead = { $count } published endorsements match.
map-endorsements-by-group = By stakeholder group
map-endorsements-by-region = By region (an organization counts in every region where it is based)
map-endorsements-list = Endorsing organizations
map-region-none = Not country-specific
map-group-none = Initiatives (no stakeholder group)
map-report-title = Progress report
map-report-lead = Contributions active and endorsements made from { $from } to { $to }. Print this page for a paper copy.
map-report-objectives = By objective
map-report-contributions = Contributions active in the period
map-report-endorsements = Endorsements in the period
map-contribution-title = Contribution to the Global Digital Compact
map-contribution-summary = Summary
map-contribution-history = History
map-contributions-caption = { $title } ({ $count })
progress-planned = Planned
progress-ongoing = Ongoing
progress-completed = Completed
evidence-self-declared = Self-declared
evidence-documented = Documented
evidence-verified = Verified
map-filter-any = Any
map-filter-by = Columns
map-filter-evidence = Evidence at least
map-filter-dev = Country group
map-filter-from = From (YYYY-MM-DD)
map-filter-to = To (YYYY-MM-DD)
map-filter-few = Few means at most
map-filter-apply = Show
map-sample-note = This instance shows an illustrative sample: the contributions and endorsements from organizations marked “illustrative sample” are not real declarations.
map-legend = Legend:
map-export = Download this view:
map-objective-n = Objective { $n }
map-action-contribute = Declare a contribution
map-action-endorse = Endorse the Compact
map-action-history = Public history of this contribution
map-action-correct = Propose a correction or a progress update
contribute-title = Declare a contribution to the Global Digital Compact
contribute-correct-title = Propose a correction to this contribution
contribute-intro = Say what your organization or initiative does for one or more commitments of the Compact. Moderators review it before it is published; their decision and its reason appear in the contribution’s public history. Your display name is shown with the proposal.
endorse-title = Endorse the Global Digital Compact
endorse-intro = An organization endorses the Compact once, with the date and the objectives it supports. Moderators review the endorsement before it is published in the public list.
mapform-revise-title = Revise your proposal
mapform-direct = As an editor of { $orgs }, what you declare for it is published at once, without review.
mapform-your-orgs = Organizations you belong to (use their short name): { $orgs }.
mapform-no-translation = No translation
mapform-choose = Choose
mapform-verified-moderators = Only moderators can mark a contribution as verified.
mapform-history-contribution = Every change to this contribution and every review of a proposal about it: who, when and why.
mapform-history-endorsement = Every change to this endorsement and every review of a proposal about it: who, when and why.
mapform-endorsement-by = Endorsement by { $actor }
mapform-error-unknown_entry = there is no organization or initiative “{ $value }” in the registry.
mapform-error-not_allowed = “{ $value }” cannot be used here: contributions come from organizations or initiatives, endorsements from organizations.
mapform-error-unknown_commitment = “{ $value }” is not a commitment of the Global Digital Compact.
mapform-error-unknown_node = there is no such node: “{ $value }”.
mapform-error-unknown_country = there is no country with the code “{ $value }”.
mapform-error-invalid_url = “{ $value }” is not a web address starting with http:// or https://.
mapform-error-ends_before_start = the period ends before it starts.
mapform-error-invalid_date = “{ $value }” is not a date (year-month-day).
mapform-error-evidence_required = this level needs at least one evidence link.
mapform-error-moderators_only = only moderators can mark a contribution as verified.
mapform-error-duplicate = “{ $value }” is listed twice.
mapform-error-unknown_objective = “{ $value }” is not an objective of the Compact.
mapform-error-already_endorsed = “{ $value }” has already endorsed the Compact.
mapform-error-unchanged = this proposal changes nothing.
field-contribute-contributor = Organization or initiative
field-contribute-contributor-hint = Its short name in the registry (as in its address, such as ministry-of-ict), or its id.
field-contribute-commitments = Commitments
field-contribute-commitments-hint = Choose every commitment the contribution works towards.
field-contribute-sdg_targets = SDG targets (optional)
field-contribute-sdg_targets-hint = Codes separated by commas, such as 4.1, 9.c.
field-contribute-wsis_lines = WSIS Action Lines (optional)
field-contribute-wsis_lines-hint = Codes separated by commas, such as C3, C7.
field-contribute-text_lang = Language of the title and description
field-contribute-title = Title
field-contribute-description = Description
field-contribute-description-hint = What is done, for whom, where; the results so far.
field-contribute-lang2 = Translation: language
field-contribute-lang2-hint = Optional: the title and description in a second language.
field-contribute-title2 = Translation: title
field-contribute-description2 = Translation: description
field-contribute-start = Start date
field-contribute-start-hint = Year-month-day, such as 2025-03-01.
field-contribute-end = End date (optional)
field-contribute-end-hint = Leave empty if open-ended.
field-contribute-progress = Progress
field-contribute-countries = Countries where it takes effect
field-contribute-countries-hint = Two-letter ISO codes separated by commas, such as SN, KE; empty if not country-specific.
field-contribute-evidence = Evidence links
field-contribute-evidence-hint = One address per line, optionally followed by a space and a label.
field-contribute-evidence_level = Evidence level
field-contribute-evidence_level-hint = Self-declared, or documented by public evidence links.
field-contribute-message = Note for the moderators
field-contribute-message-hint = Why, and your sources (optional).
field-endorse-actor = Organization
field-endorse-actor-hint = Its short name in the registry (as in its address), or its id.
field-endorse-date = Date of the endorsement
field-endorse-date-hint = Year-month-day, such as 2025-03-01.
field-endorse-objectives = Objectives supported
field-endorse-objectives-hint = Choose at least one.
field-endorse-statement_lang = Language of the statement
field-endorse-statement = Statement (optional)
field-endorse-message = Note for the moderators
field-endorse-message-hint = Why, and your sources (optional).

## Accounts (people and trust)
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-account = Account
nav-admin = Administration
form-errors-title = Please correct the following
form-error-required = this field is required.
form-error-invalid = this value is not valid.
form-error-too_short = too short: at least 12 characters.
form-error-too_long = too long.
form-error-mismatch = this is not your password.
form-error-self = you cannot do this to your own account.
form-error-not_member = you can act only for an organization you belong to.
form-error-unknown_org = there is no such organization.
form-error-sign_in_refused = the e-mail address or the password is wrong, or the account is locked for a while after too many attempts.
field-email = E-mail address
field-name = Display name
field-name-hint = Shown next to your contributions.
field-password = Password
field-password-hint = At least 12 characters.
field-token_name = Token name
field-scope = Scope
field-confirm = Your password, to confirm
field-reason = Reason
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-register = Create an account
sign-in-forgot = Forgot your password?
sign-in-or = Or:
oidc-sign-in-with = Sign in with { $name }
oidc-error-title = Sign-in through your provider did not work
oidc-error-back = Back to the sign-in page
oidc-error-not_configured = This site does not offer sign-in through another provider.
oidc-error-state = This sign-in is not valid any more: it was already used, it expired, or it was started in another browser. Start again from the sign-in page.
oidc-error-denied = You cancelled the sign-in at the provider. Nothing was changed.
oidc-error-provider = The provider sent an answer this site cannot use. Try again later; if it keeps happening, tell the site’s administrators.
oidc-error-unreachable = The provider could not be reached. Try again in a few minutes, or sign in with your e-mail address and password.
oidc-error-token = The provider’s answer could not be verified, so you were not signed in. Start again from the sign-in page.
oidc-error-no_email = The provider did not share an e-mail address, which an account here needs. Allow it to share your address and try again.
oidc-error-email_taken = An account with this e-mail address already exists. Sign in with its password; it can be linked to the provider only when the address is verified on both sides.
oidc-error-banned = This account is suspended.
register-title = Create an account
register-intro = We will send a link to confirm your e-mail address.
register-submit = Create the account
register-done = Thank you. If this address can be used, a message is on its way: open its link to confirm the address.
verify-title = Confirm your e-mail address
verify-done = Your e-mail address is confirmed.
verify-failed = This link is not valid any more (used or expired).
verify-resend = Send a new confirmation link
verify-resent = A new confirmation link is on its way to your address. It works once, within 48 hours.
error-unverified-title = Confirm your e-mail address first
error-unverified-text = You can read everything and manage your account, but you can propose, review, confirm entries, ask to join an organization or create write tokens only once your e-mail address is confirmed. Open the link we sent you, or ask for a new one.
error-parameter = The address has a parameter that cannot be used here: “{ $name }”. Remove it or correct it.
forgot-title = Reset your password
forgot-intro = Give the address of your account: we will send a link to choose a new password.
forgot-submit = Send the link
forgot-done = If an account uses this address, a message with a link is on its way.
reset-title = Choose a new password
reset-submit = Save the password
reset-done = Your password is changed and you are signed out everywhere. You can now sign in.
account-title = Your account
account-unverified = address not confirmed yet
account-profile = Profile
account-save = Save
account-sessions = Where you are signed in
account-session-device = Browser
account-session-since = Since
account-session-seen = Last seen
account-session-current = this browser
account-revoke = Revoke
account-tokens = API tokens
account-token-used = Last used
account-token-revoked = revoked
account-token-create = Create a token
account-token-created = Your new token: copy it now, it will not be shown again.
account-data = Your data
account-export = Download your personal data (JSON)
account-delete = Delete your account
role-user = user
role-moderator = moderator
role-admin = administrator
admin-users-title = Accounts
admin-users-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
admin-role = Role
admin-actions = Actions
admin-banned = banned
admin-set-role = Change the role
admin-ban = Ban
admin-unban = Lift the ban
admin-audit-title = Audit log
admin-audit-when = When
admin-audit-who = Who
admin-audit-action = Action
admin-audit-target = About
admin-audit-older = Older events

## Submission and review (pages)

nav-review = Review queue
entry-stale = Possibly out of date:
entry-stale-since = its keepers have not confirmed it since { $date }.
entry-stale-label = possibly out of date
entry-confirm = Confirm that this entry is still accurate
entry-history-full = Full public history, with reviews and reasons
history-title = Public history
history-intro = Every change to this entry and every review of a proposal about it: who, when and why.
history-empty = No history recorded yet.
history-why = Why:
history-revision = Revision { $number }
history-status-change = status: { $from } → { $to }
history-status-set = status: { $to }
history-submitted = Proposal submitted
history-changes_requested = Changes requested
history-resubmitted = Proposal revised
history-approved = Proposal approved
history-rejected = Proposal rejected
history-withdrawn = Proposal withdrawn
history-published_directly = Published directly by an editor of the organization
review-title = Review queue
review-empty = No proposal is waiting for review.
review-col-proposal = Proposal
review-col-what = Kind
review-col-by = Proposed by
review-col-at = Submitted
proposal-target-entry = entry
proposal-target-contribution = GDC contribution
proposal-target-endorsement = GDC endorsement
proposal-edit = Edit of an existing { $target }
proposal-new = New { $target }
proposal-title = Proposal
proposal-by = proposed by
proposal-record = the published record
proposal-message = Note from the proposer
proposal-changes = Proposed changes
proposal-no-changes = This proposal changes no field.
proposal-col-field = Field
proposal-col-before = Now
proposal-col-after = Proposed
proposal-events = Review so far
proposal-state-pending = waiting for review
proposal-state-changes_requested = changes requested
proposal-state-approved = approved
proposal-state-rejected = rejected
proposal-state-withdrawn = withdrawn
proposal-state-published = published directly
decision-title = Your decision
field-decision-reason = Reason
field-decision-reason-hint = Required to reject or to ask for changes; shown publicly in the history.
decision-approve = Approve and publish
decision-request-changes = Ask for changes
decision-reject = Reject
decision-error-reason-required = Reason: give a reason to reject or to ask for changes.
decision-error-decision-required = Choose approve, ask for changes or reject.
decision-error-conflict = This proposal can no longer be decided this way: it was decided already, or the record changed since it was made (ask the proposer to revise it).
review-count = { $count ->
    [one] One proposal is waiting, oldest first.
   *[other] { $count } proposals are waiting, oldest first.
}
nav-propose = Propose an entry
entry-propose-edit = Propose a correction to this entry
propose-new-title = Propose a new entry
propose-edit-title = Propose an edit
propose-intro = Moderators review every proposal before it is published; their decision and its reason appear in the entry’s public history. Your display name is shown with the proposal.
propose-choose-kind = Choose a kind
propose-honeypot = Leave this field empty
propose-submit = Send for review
field-propose-kind = Kind
field-propose-kind-hint = What the entry is: an organization, an initiative, a digital public good…
field-propose-org = Act for
field-propose-org-hint-direct = Propose in your own name, or for an organization you edit: then it is published at once, in the organization's name.
field-propose-org-hint-review = Propose in your own name, or for an organization you edit: it goes to the moderators' review either way.
propose-org-self = Myself
field-propose-title = Title
field-propose-title-hint = The name in its original language or in this page’s language.
field-propose-summary = Summary
field-propose-summary-hint = A few sentences: what it does, for whom, where.
field-propose-website = Website
field-propose-website-hint = An address starting with https:// or http://.
field-propose-countries = Countries
field-propose-countries-hint = Two-letter ISO codes separated by commas, such as SN, KE.
field-propose-tags = Framework nodes
field-propose-tags-hint = Node ids separated by commas, such as sdg:4.1, gdc:1.1.1.
field-propose-message = Note for the moderators
field-propose-message-hint = Why this change, and your sources (optional).
propose-error-unknown_country = there is no country with the code “{ $value }”.
propose-error-unknown_node = there is no framework node “{ $value }”.
propose-error-invalid_url = “{ $value }” is not a web address starting with http:// or https://.
propose-error-unchanged = this edit changes nothing.
nav-mine = My proposals
mine-title = My proposals
mine-empty = You have not proposed anything yet.
mine-col-state = Where it is
mine-col-reason = Latest reason from a moderator
mine-col-at = Last change
proposal-revise = Revise this proposal
proposal-withdraw = Withdraw this proposal
propose-revise-title = Revise your proposal
entry-members = Members and joining
members-title = Organization members
members-col-name = Name
members-col-role = Role
members-col-since = Since
members-col-actions = Actions
members-remove = Remove
members-join-title = Ask to join this organization
members-join-submit = Send the request
members-join-pending = Your request to join is waiting for an editor of the organization.
members-add-title = Add a member or change a role
members-add-submit = Save
members-requests-title = Requests to join
members-requests-empty = No request is waiting.
members-request-approve = Accept as member
members-request-decline = Decline
member-role-member = Member
member-role-editor = Editor
field-member-person = Person’s e-mail address
field-member-person-hint = The address of their cogov account.
field-member-role = Role
field-member-message = Message to the editors
field-member-message-hint = Who you are in the organization (optional).
member-error-unknown_account = no account has this address: the person registers first.
member-error-last_editor = the last editor cannot be removed: make someone else editor first.
