/**
 * Phrases that identify a platform's share text. Each has a literal `needle` checked first (cheap),
 * and a regex with bounded quantifiers only, so matching stays linear. `brand` markers are the
 * 【平台】 link-share prefixes, after which a `CZ0001`-style code and a 「title」 follow.
 * Sources: ../shared/data/share_texts.txt and the seed registry's share_text_patterns.
 */
export interface ShareMarker {
  provider: string
  needle: string
  pattern: RegExp
  /** Capture group holding the share's title, when the phrase carries one. */
  titleGroup?: number
  brand?: boolean
}

export const SHARE_MARKERS: readonly ShareMarker[] = [
  // 【平台】 link shares (Taobao, Xianyu, JD, Pinduoduo, Tmall)
  { provider: 'taobao', needle: '【淘宝】', pattern: /【淘宝】/g, brand: true },
  { provider: 'xianyu', needle: '【闲鱼】', pattern: /【闲鱼】/g, brand: true },
  { provider: 'jd', needle: '【京东】', pattern: /【京东】/g, brand: true },
  { provider: 'pinduoduo', needle: '【拼多多】', pattern: /【拼多多】/g, brand: true },
  { provider: 'tmall', needle: '【天猫】', pattern: /【天猫】/g, brand: true },
  // Taobao captions
  { provider: 'taobao', needle: '淘宝搜索直接打开', pattern: /淘宝搜索直接打开/g },
  { provider: 'taobao', needle: '手机淘宝', pattern: /打开【?手机淘宝】?/g },
  { provider: 'taobao', needle: '淘♂寳', pattern: /淘♂寳/g },
  // Xianyu
  {
    provider: 'xianyu',
    needle: '我在闲鱼发布了',
    pattern: /我在闲鱼发布了【([^】\n]{1,120})】/g,
    titleGroup: 1,
  },
  { provider: 'xianyu', needle: '这是我的闲鱼号', pattern: /这是我的闲鱼号/g },
  // JD
  { provider: 'jd', needle: '打开京东', pattern: /复制文案打开京东/g },
  // Douyin
  {
    provider: 'douyin',
    needle: '复制打开抖音',
    pattern: /复制打开抖音，看看【([^】\n]{1,80}?)的(?:图文)?作品】/g,
    titleGroup: 1,
  },
  { provider: 'douyin', needle: '音搜索，直接观看视频', pattern: /打开(?:Dou音|抖音)搜索，直接观看视频/g },
  { provider: 'douyin', needle: '打开抖音搜索', pattern: /长按复制此条消息，打开抖音搜索/g },
  { provider: 'douyin', needle: '看TA直播', pattern: /打开抖音，看TA直播/g },
  { provider: 'douyin', needle: '在抖音，记录美好生活', pattern: /#在抖音，记录美好生活#/g },
  { provider: 'douyin', needle: '打开【抖音', pattern: /打开【抖音(?:短视频|极速版)?】/g },
  // Kuaishou
  { provider: 'kuaishou', needle: '打开【快手', pattern: /打开【快手(?:极速版)?】/g },
  { provider: 'kuaishou', needle: '发了一个快手作品', pattern: /发了一个快手作品，一起来看/g },
  { provider: 'kuaishou', needle: '该作品在快手被播放过', pattern: /该作品在快手被播放过/g },
  { provider: 'kuaishou', needle: '的直播很精彩，快来围观', pattern: /的直播很精彩，快来围观/g },
  // Xiaohongshu
  { provider: 'xiaohongshu', needle: '小红书笔记', pattern: /发布了一篇小红书笔记，快来看吧/g },
  { provider: 'xiaohongshu', needle: '打开【小红书】', pattern: /打开【小红书】/g },
  {
    provider: 'xiaohongshu',
    needle: '你的生活兴趣社区',
    pattern: /【([^\n]{1,120}?) \| 小红书 - 你的生活兴趣社区】/g,
    titleGroup: 1,
  },
  // Bilibili
  { provider: 'bilibili', needle: '-哔哩哔哩】', pattern: /【([^\n]{1,200}?)-哔哩哔哩】/g, titleGroup: 1 },
  // NetEase Cloud Music
  {
    provider: 'netease_music',
    needle: '分享',
    pattern:
      /分享[^\n《「]{1,60}?(?:的单曲|的专辑|创建的歌单|的歌单|的MV|的视频|的电台节目|的声音)[《「]([^\n》」]{1,120})[》」]/g,
    titleGroup: 1,
  },
  { provider: 'netease_music', needle: '@网易云音乐', pattern: /来自@网易云音乐/g },
  // QQ Music
  {
    provider: 'qq_music',
    needle: '@QQ音乐',
    pattern: /(?:《([^》\n]{1,120})》[^《\n]{0,300}?)?@QQ音乐/g,
    titleGroup: 1,
  },
  { provider: 'qq_music', needle: '来自QQ音乐', pattern: /来自QQ音乐/g },
  // Dianping and Meituan (dpurl.cn is shared; these captions tell them apart)
  { provider: 'dianping', needle: '@大众点评', pattern: /@大众点评/g },
  { provider: 'dianping', needle: '快来试试这家餐厅吧', pattern: /快来试试这家餐厅吧/g },
  { provider: 'meituan', needle: '美团外卖', pattern: /美团外卖/g },
  { provider: 'meituan', needle: '【美团】', pattern: /【美团】/g },
]
