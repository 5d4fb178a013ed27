/**
 * Strings of the walkthrough (the first-run tour of the case workspace), English and Simplified
 * Chinese (same keys in both). Each step has a title and a body; `tour…` are the frame's words.
 */
export const tourEn = {
  tourOffer: 'New to Tarsier? A one-minute tour shows where everything is.',
  tourOfferStart: 'Take the tour',
  tourOfferLater: 'Not now',
  tourLabel: 'Walkthrough',
  tourStepOf: 'Step {n} of {total}',
  tourNext: 'Next',
  tourBack: 'Back',
  tourDone: 'Done',
  tourSkip: 'Close the tour',
  tourAgain: 'Take the tour',
  palCmdTour: 'Take the walkthrough',
  tourOverviewTitle: 'Overview: start here',
  tourOverviewBody:
    'Findings are ranked by how likely they explain the problem, each with its evidence lines and advice. Choose the stage the customer was in to rank them for it.',
  tourTimelineTitle: 'Timeline',
  tourTimelineBody:
    'Every module on one time axis, a lane each. Drag across the chart to select a time range: Events, Trace and the Overview then show only that range.',
  tourEventsTitle: 'Events',
  tourEventsBody:
    'Every line of every file, in time order and searchable: level:error, module:porter, id:req-…, "exact phrase", after:2025-09-18T16:20. j/k move, e jumps to the next error, Enter opens the line in its file.',
  tourPatternsTitle: 'Patterns',
  tourPatternsBody:
    'Messages grouped into templates with counts and first and last time. Errors that no rule explains are listed here, and on the Overview as leads.',
  tourTraceTitle: 'Trace',
  tourTraceBody: 'Follow a request id, uuid or IP through every service, in time order.',
  tourFilesTitle: 'Files',
  tourFilesBody:
    'Every file read, with its module, format and time span; what was skipped and why; where a year or a time zone was guessed.',
  tourCaseTitle: 'Case and report',
  tourCaseBody:
    'The ticket, what the customer saw, your pinned lines and your conclusion. Export the case report as PDF, Markdown or JSON, redacted by default.',
  tourCompareTitle: 'Compare',
  tourCompareBody:
    'What differs from another bundle — a healthy node, or the bundle before the fix: message templates new or much more frequent, findings, versions, configuration, pods.',
  tourKeysTitle: 'Keys',
  tourKeysBody:
    'The command palette runs any action by name, and ? lists every shortcut. This tour is in both, to take again.',
};

export const tourZh: Record<keyof typeof tourEn, string> = {
  tourOffer: '第一次使用 Tarsier？一分钟导览带你看一遍各个位置。',
  tourOfferStart: '开始导览',
  tourOfferLater: '以后再说',
  tourLabel: '导览',
  tourStepOf: '第 {n} 步，共 {total} 步',
  tourNext: '下一步',
  tourBack: '上一步',
  tourDone: '完成',
  tourSkip: '关闭导览',
  tourAgain: '开始导览',
  palCmdTour: '开始界面导览',
  tourOverviewTitle: '概览：从这里开始',
  tourOverviewBody:
    '发现按解释问题的可能性排序，每条都附有证据行和处理建议。选择客户所处的阶段，即可按该阶段重新排序。',
  tourTimelineTitle: '时间线',
  tourTimelineBody:
    '所有模块在同一时间轴上，每个模块一条泳道。在图上拖动可选择时间范围，事件、追踪和概览随后只显示该范围。',
  tourEventsTitle: '事件',
  tourEventsBody:
    '所有文件的每一行，按时间排序并可搜索：level:error、module:porter、id:req-…、"精确短语"、after:2025-09-18T16:20。j/k 移动，e 跳到下一个错误，Enter 在文件中打开该行。',
  tourPatternsTitle: '模式',
  tourPatternsBody:
    '消息按模板归并，带有数量以及首次和最后出现的时间。没有规则能解释的错误列在这里，也作为线索列在概览中。',
  tourTraceTitle: '追踪',
  tourTraceBody: '按时间顺序跟踪一个请求 ID、UUID 或 IP 经过的每个服务。',
  tourFilesTitle: '文件',
  tourFilesBody: '读取的每个文件及其模块、格式和时间跨度；跳过了什么以及原因；哪里的年份或时区是推测的。',
  tourCaseTitle: '案例与报告',
  tourCaseBody: '工单、客户看到的现象、你固定的日志行和你的结论。可将案例报告导出为 PDF、Markdown 或 JSON，默认脱敏。',
  tourCompareTitle: '比较',
  tourCompareBody:
    '与另一个日志包（健康节点，或修复前的日志包）有何不同：新出现或频率大增的消息模板、发现、版本、配置、Pod。',
  tourKeysTitle: '按键',
  tourKeysBody: '命令面板可按名称执行任何操作，? 列出所有快捷键。两处都可以再次开始本导览。',
};
