/** @file
 *  @brief libFuzzer target: the analyzer (normalize, tokenize, stem) on arbitrary bytes.
 *
 *  Besides crashes and sanitizer reports, it checks what the headers promise: tokens'
 *  offsets point at their surface form in the input, and every word has a non-empty stem.
 */
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fahras/analyzer.h"
#include "fahras/normalize.h"
#include "fahras/query.h"
#include "fahras/tokenize.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)fahras::normalize(text);
    (void)fahras::analysis_text(text);
    (void)fahras::query_text(text);
    for (const std::string& word : fahras::tokenize(text)) {
        require(!word.empty());
        require(!fahras::light_stem(word).empty());
        (void)fahras::variant_key(fahras::light_stem(word));
        (void)fahras::is_stop_word(word);
    }
    for (const fahras::StemmerKind kind :
         {fahras::StemmerKind::Light, fahras::StemmerKind::Snowball, fahras::StemmerKind::None}) {
        const fahras::Analyzer analyzer(kind);
        (void)analyzer.terms(text);
        for (const fahras::Token& token : analyzer.analyze(text)) {
            require(token.start <= token.end && token.end <= text.size());
            require(token.surface == text.substr(token.start, token.end - token.start));
            (void)analyzer.stem(token.surface);
        }
    }
    return 0;
}
