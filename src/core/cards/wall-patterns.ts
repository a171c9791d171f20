import type { WallKind } from './card-metadata.js'

/** Where a wall pattern looks. URLs are matched as `host/path`, lower-cased, without query or fragment. */
export type WallSignal = 'title' | 'url' | 'redirect-target' | 'form-action' | 'markup' | 'password-input'

export interface WallPattern {
  kind: WallKind
  signal: WallSignal
  /** Regular-expression source, matched case-insensitively; ignored for `password-input`. */
  pattern: string
  /**
   * `strong` decides on its own; `weak` counts only on a page that carries no rich metadata of its own
   * (no Open Graph/Twitter title, no JSON-LD), so a product page with a hidden login modal stays a product.
   */
  strength: 'strong' | 'weak'
  /** Why the pattern exists, and the real pages it was written against. */
  note: string
}

const LOGIN_WORDS = '登录|登入|登錄|用户登录|用戶登入|请登录|請登入|log ?in|sign ?in|logon|ログイン|로그인'
const SEPARATOR = '\\s*[-|_–—·:：｜]\\s*'
const LOGIN_PATH =
  '^[^/]*/(?:[^/]+/)*(?:login|log-in|signin|sign-in|sign_in|logon|passport|sso)(?:\\.[a-z]+)?(?:/|$)'
const LOGIN_HOST = '^(?:login|passport|signin|sso|auth|accounts?)\\.'

/**
 * The default wall patterns. They are data, not provider rules: every pattern applies to every site alike,
 * and callers may pass their own list (BRIEF §7: "previews show login or consent walls").
 */
export const DEFAULT_WALL_PATTERNS: readonly WallPattern[] = [
  {
    kind: 'login',
    signal: 'url',
    pattern: LOGIN_HOST,
    strength: 'strong',
    note: 'login.taobao.com, passport.weibo.com, passport.jd.com, accounts.google.com',
  },
  {
    kind: 'login',
    signal: 'url',
    pattern: LOGIN_PATH,
    strength: 'strong',
    note: '/member/login.jhtml (Taobao), /login, /signin, /passport/',
  },
  {
    kind: 'login',
    signal: 'title',
    pattern: `^(?:${LOGIN_WORDS})(?:${SEPARATOR}.*)?$`,
    strength: 'strong',
    note: '"登录 - 某站", "Sign in"',
  },
  {
    kind: 'login',
    signal: 'title',
    pattern: `^.*${SEPARATOR}(?:${LOGIN_WORDS})$`,
    strength: 'strong',
    note: '"某站 | 登录", "Example – Log in"',
  },
  {
    kind: 'login',
    signal: 'title',
    pattern: '^sina visitor system$',
    strength: 'strong',
    note: "Weibo's cookie-less visitor interstitial",
  },
  {
    kind: 'login',
    signal: 'redirect-target',
    pattern: LOGIN_HOST,
    strength: 'strong',
    note: 'a meta refresh or script hop to a login host',
  },
  {
    kind: 'login',
    signal: 'redirect-target',
    pattern: LOGIN_PATH,
    strength: 'strong',
    note: 'a meta refresh or script hop to a login path',
  },
  {
    kind: 'login',
    signal: 'password-input',
    pattern: '',
    strength: 'weak',
    note: 'a password field on a page with nothing else to show',
  },
  {
    kind: 'login',
    signal: 'form-action',
    pattern: LOGIN_PATH,
    strength: 'weak',
    note: 'a form posting to a login endpoint',
  },
  {
    kind: 'consent',
    signal: 'url',
    pattern: '^(?:consent|guce|privacy-consent)\\.',
    strength: 'strong',
    note: 'consent.google.com, consent.youtube.com, guce.yahoo.com',
  },
  {
    kind: 'consent',
    signal: 'url',
    pattern: '^[^/]*/(?:[^/]+/)*consent(?:/|$)',
    strength: 'strong',
    note: 'a /consent interstitial path',
  },
  {
    kind: 'consent',
    signal: 'title',
    pattern: '^before you continue(?: to .*)?$',
    strength: 'strong',
    note: "Google's and YouTube's consent interstitial",
  },
  {
    kind: 'consent',
    signal: 'redirect-target',
    pattern: '^(?:consent|guce)\\.',
    strength: 'strong',
    note: 'a hop to a consent host',
  },
  {
    kind: 'consent',
    signal: 'markup',
    pattern:
      '^(?:onetrust-consent-sdk|cybotcookiebotdialog|qc-cmp2-container|didomi-host|sp_message_container_\\w+|truste-consent-track|consent-bump|cmp-app-container)$',
    strength: 'weak',
    note: 'consent-management platforms, when the page has no content metadata of its own',
  },
  {
    kind: 'challenge',
    signal: 'title',
    pattern:
      '^(?:just a moment\\.\\.\\.|attention required! \\| cloudflare|安全验证|验证码拦截|滑块验证|访问验证|人机验证|请完成安全验证|security check|are you a robot\\?)$',
    strength: 'strong',
    note: 'bot challenges (Cloudflare, Alibaba slider) that stand in for the page',
  },
  {
    kind: 'challenge',
    signal: 'url',
    pattern: '^[^/]*/(?:[^/]+/)*(?:punish|captcha|_____tmd_____)(?:/|$)',
    strength: 'strong',
    note: "Taobao's /punish and _____tmd_____ anti-bot pages",
  },
  {
    kind: 'challenge',
    signal: 'markup',
    pattern: '^(?:cf-challenge-running|challenge-form|nc_wrapper|baxia-dialog)$',
    strength: 'weak',
    note: 'challenge widgets',
  },
]
