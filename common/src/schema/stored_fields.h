/** @file
 *  @brief Internal: what an index stores of a document: the fields a hit shows, packed into
 *  one value slot, and the original text, as the document data.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace fahras::detail {

/** What a search result shows of a document, read with one value-slot lookup. */
struct HitFields {
    std::string id;
    std::string title;
    std::string date;
    std::string source;
    std::string url;
};

/** @p fields as the value of schema::kSlotHitFields: each field as its length (a base-128
 *  varint, 7 bits a byte) and its bytes, in the order of HitFields. */
[[nodiscard]] std::string pack_hit_fields(const HitFields& fields);

/** The fields that pack_hit_fields() packed into @p value; empty fields for a value that was
 *  not made by it (cut short). */
[[nodiscard]] HitFields unpack_hit_fields(std::string_view value);

/** The fields of @p doc (its schema::kSlotHitFields value). */
[[nodiscard]] HitFields hit_fields(const Xapian::Document& doc);

/** UTF-8 @p text as document data: in SCSU, the Unicode Standard Compression Scheme (ICU's
 *  converter; UTS #6), one byte a letter for Arabic where UTF-8 takes two. Xapian then
 *  compresses it with zlib: SCSU then zlib is 79% of UTF-8 then zlib on news articles, and
 *  the stored text was a fifth of the index.
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] std::string pack_text(std::string_view text);

/** The original text of @p doc (its document data, see pack_text), UTF-8.
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] std::string stored_text(const Xapian::Document& doc);

}  // namespace fahras::detail
