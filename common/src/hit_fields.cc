/** @file
 *  @brief Internal: the fields a hit shows, packed into one value slot.
 */
#include "hit_fields.h"

#include <array>
#include <cstdint>

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

}  // namespace

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
