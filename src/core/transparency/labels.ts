import type { PageLanguage } from '../pages/language.js'

// Display names for the vocabularies the public pages show; unknown keys are shown as they are.
const ZH: Record<string, string> = {
  direct: '单聊',
  group: '群聊',
  feed: '朋友圈（动态）',
  channel: '公众号（频道）',
  open: '直接打开',
  warn: '安全提示页',
  block: '禁止打开',
  dismiss: '驳回（不处置）',
  harassment: '骚扰',
  fraud: '欺诈',
  inducement: '诱导',
  illegal: '违法',
  privacy: '隐私',
  malware: '恶意程序',
  rumor: '谣言',
  marketing: '过度营销',
  infringement: '侵权',
  other: '其他',
  terms: '违反平台规则',
  automated: '自动',
  human: '人工',
  upheld: '维持',
  reversed: '撤销',
  modified: '变更',
  'e-commerce': '电商',
  'short-video': '短视频',
  video: '视频',
  'live-streaming': '直播',
  social: '社交',
  messaging: '即时通讯',
  news: '新闻资讯',
  'content-community': '内容社区',
  'local-services': '本地生活',
  payments: '支付',
  music: '音乐',
  search: '搜索',
  'url-shortener': '短链接',
  insufficient_data: '数据不足',
  full: '完整卡片',
  compact: '简洁卡片',
  none: '无卡片',
}

const EN: Record<string, string> = {
  direct: 'one-to-one chats',
  group: 'group chats',
  feed: 'feeds (moments)',
  channel: 'channels (official accounts)',
  open: 'open directly',
  warn: 'safety page first',
  block: 'cannot be opened',
  dismiss: 'dismissed (no action)',
  terms: 'terms of service',
  insufficient_data: 'insufficient data',
  full: 'full card',
  compact: 'compact card',
  none: 'no card',
}

/** A vocabulary key in the page language; `illegal` as a ground reads 违法 / illegal. */
export function labelOf(lang: PageLanguage, key: string): string {
  return (lang === 'en' ? EN[key] : ZH[key]) ?? key
}
