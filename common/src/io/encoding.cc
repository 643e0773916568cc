/** @file
 *  @brief Internal: how a file's bytes become UTF-8 (ICU's converters and charset detector).
 */
#include "io/encoding.h"

#include <unicode/localpointer.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "analysis/utf8.h"

namespace fahras {

namespace detail {

namespace {

constexpr std::string_view kUtf16LeBom = "\xFF\xFE";  // ZERO WIDTH NO-BREAK SPACE, UTF-16LE
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";  // ZERO WIDTH NO-BREAK SPACE, UTF-16BE

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    Converter converter(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status) || name.empty()) return nullptr;
    return converter;
}

/** @p bytes converted from @p charset to UTF-8; bytes that are not valid in it become
 *  U+FFFD, and the offset of the first is returned in @p first_bad. */
std::string convert(std::string_view bytes, const std::string& charset,
                    std::optional<std::size_t>& first_bad) {
    const Converter converter = open_converter(charset);
    if (!converter) throw Error("unknown encoding '" + charset + "'");
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    check_icu(status, "ucnv_setToUCallBack");
    std::u16string utf16;
    std::vector<UChar> buffer(1 << 16);
    const char* source = bytes.data();
    const char* const source_end = bytes.data() + bytes.size();
    for (;;) {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                       nullptr, true, &status);
        utf16.append(buffer.data(), target);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND ||
            status == U_TRUNCATED_CHAR_FOUND) {
            // The bad bytes were consumed: they end at `source`.
            char bad[32];
            int8_t bad_length = sizeof bad;
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter.get(), bad, &bad_length, &ignored);
            if (!first_bad) {
                first_bad = static_cast<std::size_t>(source - bytes.data()) -
                            static_cast<std::size_t>(std::max<int8_t>(bad_length, 0));
            }
            utf16 += u'\uFFFD';  // REPLACEMENT CHARACTER
            if (status == U_TRUNCATED_CHAR_FOUND || source == source_end) break;
            continue;
        }
        check_icu(status, "ucnv_toUnicode");
        break;
    }
    std::string out;
    icu::UnicodeString(false, utf16.data(), static_cast<int32_t>(utf16.size())).toUTF8String(out);
    return out;
}

/** The Arabic legacy charset ICU's detector finds @p bytes to be in, or empty. */
std::string detect_arabic_charset(std::string_view bytes, FileKind kind) {
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUCharsetDetectorPointer detector(ucsdet_open(&status));
    if (U_FAILURE(status)) return {};
    // Markup would weigh for Latin charsets: the detector can skip it.
    ucsdet_enableInputFilter(detector.getAlias(), kind == FileKind::Html);
    // The detector looks at the beginning only; 64 KiB is plenty and bounds its time.
    const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16));
    ucsdet_setText(detector.getAlias(), bytes.data(), length, &status);
    const UCharsetMatch* match = ucsdet_detect(detector.getAlias(), &status);
    if (U_FAILURE(status) || match == nullptr) return {};
    const std::string_view name = ucsdet_getName(match, &status);
    if (U_FAILURE(status)) return {};
    if (name == "windows-1256" || name == "ISO-8859-6") return std::string(name);
    return {};
}

}  // namespace

Decoding choose_decoding(std::string_view head, const ReadOptions& options) {
    if (head.starts_with(kUtf16LeBom)) return {"UTF-16LE", kUtf16LeBom.size(), true};
    if (head.starts_with(kUtf16BeBom)) return {"UTF-16BE", kUtf16BeBom.size(), true};
    if (head.starts_with(kUtf8Bom)) return {"", kUtf8Bom.size(), false};
    if (!options.encoding.empty()) return {options.encoding, 0, false};
    return {};
}

std::string decode(std::string_view bytes, Decoding& decoding, FileKind kind, std::size_t offset,
                   const std::string& shown, const WarningSink& on_warning) {
    if (decoding.encoding.empty() && offset == 0 && first_invalid_utf8(bytes)) {
        // Not UTF-8: older Arabic archives are in windows-1256 or ISO-8859-6.
        decoding.encoding = detect_arabic_charset(bytes, kind);
    }
    std::optional<std::size_t> bad;
    if (decoding.encoding.empty()) {
        std::string text(bytes);
        if ((bad = sanitize_utf8(text))) {
            on_warning(InputError(shown, 0,
                                  "invalid UTF-8 at byte " + std::to_string(offset + *bad) +
                                      ", bad bytes replaced with U+FFFD"));
        }
        return text;
    }
    std::string text = convert(bytes, decoding.encoding, bad);
    if (bad) {
        on_warning(InputError(shown, 0,
                              "bytes not valid in " + decoding.encoding + " at byte " +
                                  std::to_string(offset + *bad) + ", replaced with U+FFFD"));
    }
    return text;
}

std::size_t part_end(std::string_view bytes, const Decoding& decoding) {
    if (decoding.utf16) {
        const bool little = decoding.encoding == "UTF-16LE";
        std::size_t end = bytes.size() - bytes.size() % 2;
        for (std::size_t i = end; i >= 2; i -= 2) {
            const char low = little ? bytes[i - 2] : bytes[i - 1];
            const char high = little ? bytes[i - 1] : bytes[i - 2];
            if (low == '\n' && high == '\0') return i;
        }
        return end;
    }
    const auto newline = bytes.rfind('\n');
    if (newline != std::string_view::npos) return newline + 1;
    if (!decoding.encoding.empty()) return bytes.size();  // single-byte Arabic charsets
    // UTF-8: not inside a character (continuation bytes are 10xxxxxx).
    std::size_t end = bytes.size();
    for (int back = 0; back < 3 && end > 0 && (bytes[end - 1] & 0xC0) == 0x80; ++back) --end;
    if (end > 0 && (static_cast<unsigned char>(bytes[end - 1]) >= 0xC0)) --end;
    return end == 0 ? bytes.size() : end;
}

}  // namespace detail

bool is_known_encoding(std::string_view name) {
    return detail::open_converter(std::string(name)) != nullptr;
}

}  // namespace fahras
