/** @file
 *  @brief Internal: what an index stores of a document (value slot and document data).
 */
#include "schema/stored_fields.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

#include "fahras/error.h"
#include "fahras/schema.h"

namespace fahras::detail {

namespace {

/** Appends @p n as a little-endian base-128 varint (7 bits a byte, high bit: more follow). */
void append_length(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

/** Reads a field written by append_length + bytes from @p in into @p field; false if @p in
 *  is cut short. */
bool take_field(std::string_view& in, std::string& field) {
    std::size_t n = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (in.empty() || shift > 56) return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::size_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) break;
    }
    if (n > in.size()) return false;
    field.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

/** This thread's SCSU converter (a converter is stateful: one per thread), reset. */
UConverter* scsu() {
    struct Close {
        void operator()(UConverter* c) const { ucnv_close(c); }
    };
    thread_local const std::unique_ptr<UConverter, Close> converter = [] {
        UErrorCode status = U_ZERO_ERROR;
        UConverter* c = ucnv_open("SCSU", &status);
        if (U_FAILURE(status)) {
            throw Error(std::string("ICU has no SCSU converter: ") + u_errorName(status));
        }
        return std::unique_ptr<UConverter, Close>(c);
    }();
    ucnv_reset(converter.get());
    return converter.get();
}

}  // namespace

std::string pack_text(std::string_view text) {
    const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UConverter* converter = scsu();
    // SCSU takes at most 3 bytes a UTF-16 unit, and a few for the start.
    std::string out(static_cast<std::size_t>(unicode.length()) * 3 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n =
        unicode.extract(out.data(), static_cast<int32_t>(out.size()), converter, status);
    if (U_FAILURE(status)) throw Error(std::string("SCSU: ") + u_errorName(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string stored_text(const Xapian::Document& doc) {
    const std::string data = doc.get_data();
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString unicode(data.data(), static_cast<int32_t>(data.size()), scsu(),
                                     status);
    if (U_FAILURE(status)) throw Error(std::string("SCSU: ") + u_errorName(status));
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

std::string pack_hit_fields(const HitFields& fields) {
    std::string out;
    out.reserve(fields.id.size() + fields.title.size() + fields.date.size() + fields.source.size() +
                fields.url.size() + 10);
    for (const std::string* f :
         {&fields.id, &fields.title, &fields.date, &fields.source, &fields.url}) {
        append_length(out, f->size());
        out += *f;
    }
    return out;
}

HitFields unpack_hit_fields(std::string_view value) {
    HitFields fields;
    for (std::string* f : {&fields.id, &fields.title, &fields.date, &fields.source, &fields.url}) {
        if (!take_field(value, *f)) return {};
    }
    return fields;
}

HitFields hit_fields(const Xapian::Document& doc) {
    return unpack_hit_fields(doc.get_value(schema::kSlotHitFields));
}

}  // namespace fahras::detail
