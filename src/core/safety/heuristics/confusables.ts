/**
 * A compact subset of Unicode TR39 confusables.txt (https://www.unicode.org/reports/tr39/#Confusable_Detection,
 * data file https://www.unicode.org/Public/security/latest/confusables.txt): the lowercase Cyrillic, Greek,
 * Armenian and Latin-extension letters that render like ASCII letters, plus the ASCII rows `0 → o`, `1 → l`
 * and `m → rn`. Capitals and fullwidth forms need no rows: IDNA (UTS #46) maps them to lowercase ASCII
 * before a hostname reaches this table.
 */
const PROTOTYPES: Record<string, string> = {
  // ASCII rows of confusables.txt (0 → O is lowercased to o here, since hostnames are lowercase)
  '0': 'o',
  '1': 'l',
  m: 'rn',
  // Latin extensions
  ı: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ɣ: 'y',
  ɩ: 'i',
  ɪ: 'i',
  ɯ: 'w',
  ʋ: 'u',
  ſ: 'f',
  ƽ: 's',
  // Cyrillic
  а: 'a',
  б: '6',
  г: 'r',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ѡ: 'w',
  ѵ: 'v',
  ү: 'y',
  һ: 'h',
  ҽ: 'e',
  ӏ: 'i',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  // Greek
  α: 'a',
  γ: 'y',
  ι: 'i',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  σ: 'o',
  υ: 'u',
  ϱ: 'p',
  ϲ: 'c',
  ϳ: 'j',
  // Armenian
  հ: 'h',
  ո: 'n',
  ս: 'u',
  օ: 'o',
  ց: 'g',
}

/**
 * TR39 skeleton of a label (NFD, map to prototypes, NFD), extended by dropping combining marks so that
 * `tàobao` and `taobao` share a skeleton. Two labels with one skeleton look alike.
 * @example skeleton('tаobаo') === skeleton('taobao') // Cyrillic а
 */
export function skeleton(label: string): string {
  let out = ''
  for (const char of label.toLowerCase().normalize('NFD')) {
    if (/\p{M}/u.test(char)) continue
    out += PROTOTYPES[char] ?? char
  }
  return out.normalize('NFD')
}
