# cogov 界面文字：中文。

## 页面框架

site-description = cogov：全球数字合作的共同入口
skip-to-content = 跳至正文
nav-main = 主导航
nav-language = 语言
nav-breadcrumb = 导航路径
nav-frameworks = 框架
nav-entries = 条目
nav-countries = 国家
footer-text = cogov 是开源软件。框架文本：联合国；每个框架和节点页面均注明来源。
footer-api = JSON 接口

# API page (/{lang}/api): the operations come from the OpenAPI document
api-title = JSON 接口
api-intro = 程序可以在 /api/v1 下以 JSON 读取 cogov 的全部公开内容。下列每项操作的机器可读说明（OpenAPI 3.1）：
api-conventions = 文本以已存储的所有语言提供；lang=ar、en、es、fr、ru 或 zh 会添加该语言的标签。筛选条件接受以逗号分隔的多个值。未知参数会被拒绝，并指出其名称。
api-contents = 接口各部分
api-parameters = 参数
api-col-name = 名称
api-col-in = 位置
api-col-description = 说明
api-required = 必填
api-errors = 错误代码
api-errors-intro = 每个错误都返回一个 JSON 正文：error（下列代码之一，永不改名）、message，涉及某个参数或多个字段时还有 field 或 errors。
api-col-code = 代码
api-col-status = HTTP 状态
api-col-meaning = 含义
api-error-not-found = 该框架、节点、条目、国家或接口不存在。
api-error-invalid-parameter = 参数未知或其值不可接受；field 指出该参数。
api-error-validation-failed = 提交的记录未通过验证；errors 列出每个字段。
api-error-conflict = 写入与已存储的数据冲突，例如标识已被占用或同时编辑。
api-error-file-refused = 整个文件被拒绝；errors 列出每个问题及其所在行。
api-error-internal = 我方出现故障；详情已记入日志，不会发送。
api-error-unauthenticated = 没有有效的会话或 API 令牌。
api-error-forbidden = 已登录，但无权执行此操作。
api-error-rate-limited = 请求过多；Retry-After 说明何时重试。
api-error-unavailable = 数据库暂时不接受写入（磁盘已满或只读）；读取仍可进行，未写入任何内容。
see-all = 查看全部
next-page = 下一页

## 首页

home-title = 首页
home-heading = 全球数字合作的共同入口
home-lead = 围绕共同框架，谁在何处做什么：可持续发展目标、信息社会世界峰会行动方面、《全球数字契约》、秘书长《数字合作路线图》以及互联网治理论坛的工作——各框架之间以对照表相互关联。
home-registry = 登记册
home-entry-count = 已发布条目 { $count } 个
home-country-count = 国家和地区 { $count } 个
home-browse-entries = 浏览条目
home-browse-countries = 浏览国家

## 框架

frameworks-caption = 共同框架（按加载顺序）
col-framework = 框架
col-code = 代码
col-nodes = 节点
col-version = 版本
col-source = 来源
node-count = { $count } 个节点
framework-version = 版本 { $version }
label-source = 来源：
label-licence = 许可：
framework-notes = 转录说明
framework-structure = 结构
framework-hidden = 另有 { $count } 个较低层级的节点列于其上级节点的页面。
node-open = 打开 { $code }

## 框架层级

level-goal = 目标
level-target = 具体目标
level-indicator = 指标
level-line = 行动方面
level-sub-line = 分项
level-section = 部分
level-objective = 目标
level-area = 领域
level-commitment = 承诺
level-action = 行动
level-recommendation = 建议
level-recommendation-set = 一组建议
level-group = 组
level-model = 模式
level-activity = 活动
level-activity-type = 活动类型

## 节点

node-no-official-text = 加载此节点时没有可用的正式文本，因此以其位置标示。可通过导入新版本的框架文件添加正式文本。
node-official-page = 官方页面
node-also-in = 其他语言：
node-below = 下级节点
node-crosswalks = 对照关系
node-no-crosswalk = 没有其他框架的节点与此节点关联。
crosswalk-direct = 直接关联
crosswalk-through = 经由
node-entries = 标注于此的条目
node-no-entries = 尚无已发布条目标注于此节点或其下级节点。
node-entry-count = 有 { $count } 个已发布条目标注于此节点或其下级节点。

## 条目

entries-title = 条目
filter-kind = 类型
filter-any-kind = 所有类型
filter-country = 国家（ISO 代码）
filter-node = 框架节点
filter-submit = 筛选
entries-count = 共有 { $count } 个已发布条目符合条件。
error-summary-title = 出现问题
error-invalid-kind = “{ $value }”不是条目类型：请从列表中选择。
error-invalid-country = 没有代码为“{ $value }”的国家：请输入两个字母的 ISO 3166-1 代码，例如 SN。
error-invalid-node = 不存在节点“{ $value }”：节点标识的形式如 sdg:4.1 或 gdc:1.1.1。
error-invalid-cursor = 此页面链接已失效：请从第一页重新开始。

## 条目页面

entry-updated = 更新于 { $date }
entry-evidence = 依据
entry-identifiers = 标识符
entry-history = 修订历史
provenance-manual = 由 { $by } 录入。
provenance-imported = 导入自 { $source }（{ $id }）。
provenance-suggested = 由 { $method } 建议。
provenance-peer = 接收自 { $instance }。

kind-actor = 组织
kind-initiative = 倡议
kind-dpg = 数字公共产品
kind-process = 进程或论坛
kind-document = 文件
kind-event = 活动

stakeholder-government = 政府
stakeholder-intergovernmental = 政府间组织
stakeholder-private-sector = 私营部门
stakeholder-civil-society = 民间社会
stakeholder-technical-community = 技术界
stakeholder-academia = 学术界

status-draft = 草稿
status-submitted = 已提交
status-published = 已发布
status-rejected = 已拒绝
status-archived = 已归档

## 国家

countries-title = 国家和地区
filter-group = 类别
filter-all-groups = 所有国家和地区
filter-show = 显示
countries-caption = { $count } 个国家和地区（联合国 M49 标准；最不发达国家、内陆发展中国家和小岛屿发展中国家依联合国的认定）
col-country = 国家或地区
col-iso = ISO 代码
col-region = 区域
col-subregion = 次区域
col-groups = 类别
group-ldc = 最不发达国家
group-lldc = 内陆发展中国家
group-sids = 小岛屿发展中国家
group-ldc-name = 最不发达国家
group-lldc-name = 内陆发展中国家
group-sids-name = 小岛屿发展中国家
country-entries = { $name }的条目
country-no-entries = 尚无已发布条目涉及该国。
country-map-link = 全球数字契约实施图中的{ $name }：贡献、认可和差距
country-entry-count = 已发布条目 { $count } 个。

## 错误

error-not-found-title = 未找到页面
error-not-found-text = 此地址没有内容。地址可能输入有误，或页面已移动。
error-internal-title = 出现错误
error-internal-text = 无法加载页面。请稍后再试。
error-request-title = 无法完成此请求
error-request-text = 地址中包含无法使用的值。请检查地址，或从首页重新开始。
error-home = 返回首页

## 日期

date = { $year }年{ $month }{ $day }日
datetime = { $date } { $time } UTC
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## Search
nav-search = 搜索
search-title = 搜索
search-label = 搜索登记册
search-button = 搜索
search-sort = 排序
search-sort-relevance = 最相关
search-sort-recent = 最新
search-count = { $count ->
   *[other] 找到 { $count } 条记录。
}
search-nothing = 没有结果。请检查拼写、减少用词或删除筛选条件。
search-active-filters = 筛选条件：
search-remove-filter = 删除此筛选条件
search-refine = 细化结果
search-more-values = 另有 { $count } 项
search-next = 下一页结果
search-depth-capped = 只能浏览前 1000 条结果：请添加词语或筛选条件以缩小搜索范围。
search-facet-kind = 类型
search-facet-node = 框架
search-facet-country = 国家
search-facet-region = 区域
search-facet-group = 国家组别
search-facet-stakeholder = 利益攸关方群体
search-facet-language = 语言
search-facet-status = 状态
home-search = 搜索登记册

## GDC implementation map

nav-map = 契约实施图
map-nav = 实施图
map-nav-heatmap = 覆盖情况
map-nav-world = 世界地图
map-nav-gaps = 差距
map-nav-endorsements = 认可
map-nav-report = 进展报告
map-heatmap-title = 《全球数字契约》：实施图
map-heatmap-lead = 已发布的贡献 { $count } 项，按契约的每项承诺统计。
map-heatmap-caption = 各项承诺的贡献。隐含覆盖（标注了相关可持续发展目标或信息社会世界峰会节点的条目）单独列出，不计入总数。
map-col-commitment = 承诺
map-col-total = 合计
map-col-implied = 隐含（不计入合计）
map-col-country = 国家或地区
map-col-contributions = 贡献
map-col-title = 标题
map-col-why = 差距原因
map-col-measure = 统计项
map-col-node = 节点
map-col-entry = 条目
map-col-kind = 类型
map-col-tags = 相关标签
map-col-group = 利益攸关方群体
map-col-endorsements = 认可数
map-col-region = 区域
map-col-objective = 目标
map-col-covered = 有贡献的承诺
map-col-when = 时间
map-col-who = 由谁
map-col-fields = 修改的字段
map-col-contribution = 贡献项
map-col-contributor = 贡献方
map-col-commitments = 承诺项
map-col-progress = 进展
map-col-period = 期间
map-col-countries = 国家
map-col-evidence = 证据
map-col-actor = 组织
map-col-date = 日期
map-col-objectives = 目标项
map-world-title = 各国贡献
map-world-alt = 世界地图：按贡献数量为各国着色；下表列出具体数字。
map-world-caption = 在各国生效的已发布贡献（一项贡献计入其列出的每个国家）
map-world-credit = 边界：Natural Earth（公有领域）；不代表对任何国家或领土法律地位的任何意见。
map-gaps-title = 差距：没有或很少贡献的承诺
map-gaps-lead = 承诺若总体、针对最不发达国家或针对小岛屿发展中国家的贡献不超过 { $few } 项，即列入本表。
map-gaps-caption = 存在差距的承诺（按契约顺序）
map-gap-none = 没有贡献
map-gap-few = 贡献很少
map-gap-ldc = 针对最不发达国家的很少或没有
map-gap-sids = 针对小岛屿发展中国家的很少或没有
map-commitment-title = 承诺
map-commitment-counts = 按进展、利益攸关方群体、区域和国家组分列的已发布贡献
map-commitment-contributions = 对此承诺的贡献
map-commitment-crosswalk = 相关的可持续发展目标和信息社会世界峰会行动方针
map-commitment-implied = 隐含覆盖：{ $count } 个已发布条目标注了相关的可持续发展目标或信息社会世界峰会节点（并非贡献）
map-country-title = 《全球数字契约》
map-country-contributions = 在此生效的贡献
map-country-endorsements = 本地组织的认可
map-country-gaps = 差距：在本国贡献不超过 { $few } 项的承诺
map-endorsements-title = 对《全球数字契约》的认可
map-endorsements-lead = 共有 { $count } 项已发布认可符合条件。
map-endorsements-by-group = 按利益攸关方群体
map-endorsements-by-region = 按区域（组织计入其所在的每个区域）
map-endorsements-list = 认可的组织
map-region-none = 不针对特定国家
map-group-none = 倡议（无利益攸关方群体）
map-report-title = 进展报告
map-report-lead = { $from } 至 { $to } 期间进行中的贡献和作出的认可。打印本页即可获得纸质版。
map-report-objectives = 按目标
map-report-contributions = 该期间进行中的贡献
map-report-endorsements = 该期间的认可
map-contribution-title = 对《全球数字契约》的贡献
map-contribution-summary = 摘要
map-contribution-history = 历史
map-contributions-caption = { $title }（{ $count }）
progress-planned = 计划中
progress-ongoing = 进行中
progress-completed = 已完成
evidence-self-declared = 自行申报
evidence-documented = 有文件佐证
evidence-verified = 已核实
map-filter-any = 全部
map-filter-by = 列
map-filter-evidence = 最低证据等级
map-filter-dev = 国家组
map-filter-from = 自（年-月-日）
map-filter-to = 至（年-月-日）
map-filter-few = “很少”指不超过
map-filter-apply = 显示
map-sample-note = 本实例展示的是示例数据：标有“illustrative sample”的组织的贡献和认可并非真实声明。
map-legend = 图例：
map-export = 下载此视图：
map-objective-n = 目标 { $n }

## 账户（人员与信任）
nav-sign-in = 登录
nav-sign-out = 退出
nav-account = 账户
nav-admin = 管理
form-errors-title = 请更正以下内容
form-error-required = 此项为必填项。
form-error-invalid = 此值无效。
form-error-too_short = 太短：至少 12 个字符。
form-error-too_long = 太长。
form-error-mismatch = 这不是您的密码。
form-error-self = 不能对自己的账户执行此操作。
form-error-sign_in_refused = 电子邮件地址或密码错误，或账户因尝试次数过多而被暂时锁定。
field-email = 电子邮件地址
field-name = 显示名称
field-name-hint = 显示在您的贡献旁边。
field-password = 密码
field-password-hint = 至少 12 个字符。
field-token_name = 令牌名称
field-scope = 范围
field-confirm = 请输入密码以确认
field-reason = 理由
sign-in-title = 登录
sign-in-submit = 登录
sign-in-register = 创建账户
sign-in-forgot = 忘记密码？
register-title = 创建账户
register-intro = 我们将发送一个链接，用于确认您的电子邮件地址。
register-submit = 创建账户
register-done = 谢谢。如果该地址可以使用，邮件已在发送途中：请打开其中的链接确认地址。
verify-title = 确认您的电子邮件地址
verify-done = 您的电子邮件地址已确认。
verify-failed = 此链接已失效（已使用或已过期）。
forgot-title = 重置密码
forgot-intro = 请输入您账户的地址：我们将发送一个用于设置新密码的链接。
forgot-submit = 发送链接
forgot-done = 如果有账户使用此地址，含有链接的邮件已在发送途中。
reset-title = 设置新密码
reset-submit = 保存密码
reset-done = 您的密码已更改，所有会话均已退出。现在可以登录了。
account-title = 您的账户
account-unverified = 地址尚未确认
account-profile = 个人资料
account-save = 保存
account-sessions = 您的登录位置
account-session-device = 浏览器
account-session-since = 登录时间
account-session-seen = 最近活动
account-session-current = 当前浏览器
account-revoke = 撤销
account-tokens = API 令牌
account-token-used = 最近使用
account-token-revoked = 已撤销
account-token-create = 创建令牌
account-token-created = 您的新令牌：请立即复制，之后不会再显示。
account-data = 您的数据
account-export = 下载您的个人数据（JSON）
account-delete = 删除您的账户
role-user = 用户
role-moderator = 版主
role-admin = 管理员
admin-users-title = 账户
admin-users-count = { $count } 个账户
admin-role = 角色
admin-actions = 操作
admin-banned = 已封禁
admin-set-role = 更改角色
admin-ban = 封禁
admin-unban = 解除封禁
admin-audit-title = 审计日志
admin-audit-when = 时间
admin-audit-who = 操作者
admin-audit-action = 操作
admin-audit-target = 对象
admin-audit-older = 更早的事件

## Submission and review (pages)

nav-review = 审核队列
entry-stale = 可能已过时：
entry-stale-since = 维护者自 { $date } 起未再确认。
entry-confirm = 确认此条目仍然准确
entry-history-full = 完整公开历史（含审核与理由）
history-title = 公开历史
history-intro = 此条目的每次更改及相关提案的每次审核：谁、何时、为何。
history-empty = 尚无历史记录。
history-why = 理由：
history-revision = 第 { $number } 版
history-status-change = 状态：{ $from } → { $to }
history-status-set = 状态：{ $to }
history-submitted = 已提交提案
history-changes_requested = 要求修改
history-resubmitted = 提案已修改
history-approved = 提案已批准
history-rejected = 提案已拒绝
history-withdrawn = 提案已撤回
history-published_directly = 由该组织的编辑直接发布
review-title = 审核队列
review-empty = 没有等待审核的提案。
review-col-proposal = 提案
review-col-what = 类型
review-col-by = 提议人
review-col-at = 提交时间
proposal-target-entry = 条目
proposal-target-contribution = 全球数字契约贡献
proposal-target-endorsement = 全球数字契约认可
proposal-edit = 修改现有{ $target }
proposal-new = 新{ $target }
proposal-title = 提案
proposal-by = 提议人
proposal-record = 已发布的记录
proposal-message = 提议人的说明
proposal-changes = 提议的更改
proposal-no-changes = 此提案未更改任何字段。
proposal-col-field = 字段
proposal-col-before = 当前
proposal-col-after = 提议
proposal-events = 审核记录
proposal-state-pending = 等待审核
proposal-state-changes_requested = 要求修改
proposal-state-approved = 已批准
proposal-state-rejected = 已拒绝
proposal-state-withdrawn = 已撤回
proposal-state-published = 已直接发布
decision-title = 您的决定
field-decision-reason = 理由
field-decision-reason-hint = 拒绝或要求修改时必填；将在历史中公开显示。
decision-approve = 批准并发布
decision-request-changes = 要求修改
decision-reject = 拒绝
decision-error-reason-required = 理由：拒绝或要求修改时请填写理由。
decision-error-decision-required = 请选择批准、要求修改或拒绝。
decision-error-conflict = 无法再以此方式处理此提案：它已被处理，或记录在提案后已更改（请提议人修改）。
review-count = { $count } 个提案等待审核，最早的在前。
nav-propose = 提议条目
entry-propose-edit = 提议修改此条目
propose-new-title = 提议新条目
propose-edit-title = 提议修改
propose-intro = 每个提案在发布前都由管理员审核；其决定和理由会出现在条目的公开历史中。您的显示名称会与提案一同显示。
propose-choose-kind = 请选择类型
propose-honeypot = 请将此栏留空
propose-submit = 提交审核
field-propose-kind = 类型
field-propose-kind-hint = 条目描述的对象：组织、倡议、数字公共产品……
field-propose-title = 标题
field-propose-title-hint = 原语言或本页语言的名称。
field-propose-summary = 摘要
field-propose-summary-hint = 几句话：做什么、为谁、在哪里。
field-propose-website = 网站
field-propose-website-hint = 以 https:// 或 http:// 开头的地址。
field-propose-countries = 国家
field-propose-countries-hint = 以逗号分隔的两字母 ISO 代码，例如 SN, KE。
field-propose-tags = 框架节点
field-propose-tags-hint = 以逗号分隔的节点标识，例如 sdg:4.1, gdc:1.1.1。
field-propose-message = 给管理员的说明
field-propose-message-hint = 修改原因及资料来源（可选）。
propose-error-unknown_country = 没有代码为“{ $value }”的国家。
propose-error-unknown_node = 没有框架节点“{ $value }”。
propose-error-invalid_url = “{ $value }”不是以 http:// 或 https:// 开头的网址。
propose-error-unchanged = 此修改没有任何变化。
nav-mine = 我的提案
mine-title = 我的提案
mine-empty = 您尚未提交任何提案。
mine-col-state = 状态
mine-col-reason = 管理员的最新理由
mine-col-at = 最近更改
proposal-revise = 修改此提案
proposal-withdraw = 撤回此提案
propose-revise-title = 修改您的提案
