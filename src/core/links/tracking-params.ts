/**
 * Query parameters that only say who shared a link, from where, or for which campaign. Removing them
 * does not change the page, so card and cache keys ignore them. Sources: the params each platform's
 * share button appends (Bilibili vd_source/share_source, Taobao spm/scm/ut_sk, WeChat from/isappinstalled,
 * Xiaohongshu xhsshare/appuid) and the common ad click ids.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'spm',
  'scm',
  'spm_id_from',
  'from_spmid',
  'share_source',
  'share_medium',
  'share_plat',
  'share_session_id',
  'share_tag',
  'share_from',
  'share_times',
  'share_token',
  'vd_source',
  'unique_k',
  'bbid',
  'ut_sk',
  'xhsshare',
  'appuid',
  'apptime',
  'author_share',
  'isappinstalled',
  'sharer_sharetime',
  'sharer_shareid',
  'sharer_shareinfo',
  'sharer_shareinfo_first',
  'clicktime',
  'enterid',
  'gclid',
  'fbclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'ttclid',
  'tt_from',
  'u_code',
  'ref_src',
  'wxshare_count',
  'share_app_name',
])

/** `from` is tracking only with WeChat's share-origin values; elsewhere it can select content. */
const WECHAT_FROM = new Set(['singlemessage', 'groupmessage', 'timeline'])

/**
 * Whether a query parameter (`name=value`, still percent-encoded) is a tracking parameter.
 * @example isTrackingParam('utm_source', 'wechat') // true
 */
export function isTrackingParam(name: string, value: string): boolean {
  const lower = name.toLowerCase()
  if (lower.startsWith('utm_')) return true
  if (lower === 'from') return WECHAT_FROM.has(value.toLowerCase())
  return TRACKING_PARAMS.has(lower)
}
