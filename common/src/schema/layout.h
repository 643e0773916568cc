/** @file
 *  @brief Internal: the names in a fahras index directory that both its writer and its
 *  readers know: the Xapian stub file, generations, and the one stub line fahras writes
 *  (docs/index-layout.md).
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::detail {

/** The Xapian stub file of an index directory, naming its live generation. */
inline constexpr std::string_view kStubFile = "XAPIANDB";
/** The stub file being written, renamed over kStubFile to make a generation live. */
inline constexpr std::string_view kStubTempFile = "XAPIANDB.tmp";
/** The file by which Xapian's glass backend knows a database directory. */
inline constexpr std::string_view kGlassFile = "iamglass";
/** The longest stub fahras reads: `glass gen-NNNNNN\n` is 17 bytes; a longer one is not
 *  fahras's. */
inline constexpr std::size_t kMaxStubBytes = 64;

/** Generations are numbered gen-000001, gen-000002, ...: sorted by name is sorted by age. */
inline constexpr std::string_view kGenerationPrefix = "gen-";
inline constexpr int kGenerationDigits = 6;
inline constexpr std::size_t kGenerationNameSize = kGenerationPrefix.size() + kGenerationDigits;
inline constexpr unsigned long kMaxGeneration = 999999;

/** The name of generation @p number: `gen-` and 6 digits (12 → `gen-000012`). */
[[nodiscard]] std::string generation_name(unsigned long number);

/** The number of the generation that @p name begins with (`gen-000012` and
 *  `gen-000012.shard-0` → 12), or 0 if it begins with none. */
[[nodiscard]] unsigned long leading_generation_number(std::string_view name);

/** The number of generation @p name (`gen-000012` → 12), or 0 if it is not exactly one. */
[[nodiscard]] unsigned long generation_number(std::string_view name);

/** The stub file fahras writes to make generation @p name live: `glass NAME` and a newline. */
[[nodiscard]] std::string stub_text(std::string_view name);

/** The generation that @p text, an index directory's stub, names: its name (`gen-000007`) if
 *  @p text is the one line `glass gen-NNNNNN` fahras writes (a newline after it or not), else
 *  empty, with what is wrong in @p problem (`it is empty`, `line N is '...'`). */
[[nodiscard]] std::string stub_generation(std::string_view text, std::string& problem);

}  // namespace fahras::detail
