/** @file
 *  @brief Internal: readers of files of records, one a line: JSONL and `id<TAB>text` .tsv.
 */
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "fahras/corpus.h"

namespace fahras::detail {

/** Reads JSONL records from @p in (see fahras::read_source), naming it @p shown in warnings.
 *  @throws fahras::InputError on a read error (after the documents before it). */
void read_jsonl(std::istream& in, const std::string& shown, const ReadOptions& options,
                const DocumentSink& on_document, const WarningSink& on_warning);

/** Reads `id<TAB>text` lines from @p in (see fahras::read_source), naming it @p shown in
 *  warnings. @throws fahras::InputError on a read error (after the documents before it). */
void read_tsv(std::istream& in, const std::string& shown, const ReadOptions& options,
              const DocumentSink& on_document, const WarningSink& on_warning);

/** Tells ReadOptions::on_unread, if set, that @p scope of the source went unread (see
 *  fahras::Unread). */
void report_unread(const ReadOptions& options, Unread::Scope scope, std::string id,
                   std::size_t line);

/** The first control character (C0, DEL or C1) in UTF-8 @p text, as "U+XXXX", or empty. */
[[nodiscard]] std::string control_character(std::string_view text);

/** @p bytes made printable on one line: each byte of an invalid UTF-8 sequence and each
 *  control character (C0, DEL, C1) as `\xNN`, the rest as it is. */
[[nodiscard]] std::string escape_bytes(std::string_view bytes);

}  // namespace fahras::detail
