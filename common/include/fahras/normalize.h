/** @file
 *  @brief Character-level normalization of Arabic text for matching.
 */
#pragma once

#include <string>
#include <string_view>

namespace fahras {

/** Normalizes text the way a reader reads it, so that spelling variants match.
 *
 *  Steps, in order (docs/analyzer.md gives the reasons):
 *  - NFKC (presentation forms, the lam-alef ligatures; alef + combining hamza composes);
 *  - delete harakat U+064B..U+065F, superscript alef U+0670, Qur'anic annotation marks
 *    U+06D6..U+06ED, tatweel U+0640 and every default-ignorable (ZWNJ, ZWJ, LRM, RLM, ALM…);
 *  - alef forms (hamza above/below, madda, wasla) become bare alef; alef maksura becomes yeh;
 *    teh marbuta becomes heh; waw and yeh with hamza become the hamza (ء), and so does an
 *    alef maksura followed by the hamza (old print's ىء for ئ);
 *  - Persian and Urdu letters become their Arabic equivalents (keheh → kaf, farsi yeh → yeh…);
 *  - every decimal digit (Arabic-Indic, Extended Arabic-Indic…) becomes ASCII; the Arabic
 *    decimal separator becomes '.', the Arabic thousands separator ','.
 *
 *  Letter case is not changed here: tokenize() case-folds each word, so that query
 *  operators such as AND survive query preparation.
 *
 *  @param text  UTF-8; invalid sequences become U+FFFD.
 *  @return UTF-8.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::string normalize(std::string_view text);

}  // namespace fahras
