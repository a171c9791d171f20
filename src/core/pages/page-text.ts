import type { PageLanguage } from './language.js'

/** Every fixed sentence of the click-through pages, in each page language. */
export interface PageText {
  safetyTitle: string
  safetyLead: string
  reasonsHeading: string
  continue: string
  back: string
  openInApp: string
  report: string
  punycodeLabel: string
  blockTitle: string
  blockLead: string
  ruleLink: string
  appealHeading: string
  appealText: string
  appeal: string
  invalidTitle: string
  invalidText: Record<'token_expired' | 'token_invalid' | 'token_malformed' | 'link_unreadable', string>
  backTitle: string
  backText: string
}

const ZH: PageText = {
  safetyTitle: '即将离开，前往外部网页',
  // Modelled on WeChat's 2021-09-17 safety page (BRIEF §1).
  safetyLead: '该网页可能不是本平台提供，平台无法确保内容的安全性。如果要继续访问，请注意保护好个人信息。',
  reasonsHeading: '显示此提示的原因',
  continue: '继续访问',
  back: '返回',
  openInApp: '在应用中打开',
  report: '举报此链接',
  punycodeLabel: '域名的编码形式：',
  blockTitle: '此链接已被停止访问',
  blockLead: '根据平台外链管理规则，以下链接无法打开。',
  ruleLink: '查看对应规则',
  appealHeading: '如何申诉',
  appealText:
    '如果你是链接的分享者或提供方，认为处置有误，可以提出申诉。申诉由另一名审核员复核，结果会通知你。',
  appeal: '提出申诉',
  invalidTitle: '链接无法打开',
  invalidText: {
    token_expired: '这个链接已过期。请回到聊天中重新点击原链接。',
    token_invalid: '这个链接不完整或已被改动，无法打开。请回到聊天中重新点击原链接。',
    token_malformed: '这个链接不完整或已被改动，无法打开。请回到聊天中重新点击原链接。',
    link_unreadable: '无法识别这个链接指向的网址。',
  },
  backTitle: '已返回',
  backText: '链接没有打开。你可以关闭此页面，回到聊天。',
}

const EN: PageText = {
  safetyTitle: 'You are leaving for an external page',
  safetyLead:
    'This page may not be provided by this platform, which cannot vouch for its safety. If you continue, protect your personal information.',
  reasonsHeading: 'Why you see this page',
  continue: 'Continue',
  back: 'Back',
  openInApp: 'Open in app',
  report: 'Report this link',
  punycodeLabel: 'Encoded domain: ',
  blockTitle: 'This link has been stopped',
  blockLead: "Under the platform's external-link rules, the link below cannot be opened.",
  ruleLink: 'See the rule',
  appealHeading: 'How to appeal',
  appealText:
    'If you shared or provide this link and think the decision is wrong, you can appeal. A different reviewer decides the appeal, and you will be told the outcome.',
  appeal: 'Appeal',
  invalidTitle: 'This link cannot be opened',
  invalidText: {
    token_expired: 'This link has expired. Go back to the chat and tap the original link again.',
    token_invalid:
      'This link is incomplete or has been altered and cannot be opened. Go back to the chat and tap the original link again.',
    token_malformed:
      'This link is incomplete or has been altered and cannot be opened. Go back to the chat and tap the original link again.',
    link_unreadable: 'The address this link points to cannot be read.',
  },
  backTitle: 'Not opened',
  backText: 'The link was not opened. You can close this page and return to the chat.',
}

/** The fixed text of the pages in one language. */
export function pageText(lang: PageLanguage): PageText {
  return lang === 'en' ? EN : ZH
}
