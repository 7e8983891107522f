// Small text helpers shared by every layer that writes words for people.

/** "1 shift", "2 shifts", "0 shifts"; `pluralWord` for words that do not just take an s. */
export function plural(n: number, word: string, pluralWord: string = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
