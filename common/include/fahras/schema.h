/** @file
 *  @brief The index schema: every term prefix, value slot and metadata key fahras uses.
 *
 *  Prefixes follow the Xapian/Omega convention: single capitals are Omega's, `X…` are ours.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::schema {

/** Unique-id term: `Q` + document id (see id_term). Re-indexing a document replaces it. */
inline constexpr std::string_view kPrefixId = "Q";
/** Xapian's limit on the length of a term, in bytes. */
inline constexpr std::size_t kMaxTermBytes = 245;

/** A term of @p prefix and @p value that Xapian can store: @p prefix + @p value if that fits
 *  in kMaxTermBytes; otherwise @p prefix, the longest beginning of @p value that ends on a
 *  UTF-8 character boundary and leaves room for 16 bytes, and the 64-bit FNV-1a hash of the
 *  whole value in 16 lower-case hex digits, kMaxTermBytes bytes at most. Every term built
 *  from a field of a document (its id, its source) goes through here, on the indexing side
 *  and the query side alike, so that both build the same term. Never throws.
 *  @param prefix  a term prefix of schema.h, much shorter than kMaxTermBytes.
 *  @param value   UTF-8.
 *
 *  **Example**
 *  @code
 *  schema::bounded_term("Q", "a1");                    // "Qa1"
 *  schema::bounded_term("Q", std::string(300, 'x'));   // "Q" + 228 × 'x' + 16 hex digits
 *  @endcode
 */
[[nodiscard]] std::string bounded_term(std::string_view prefix, std::string_view value);

/** The unique-id term of the document with id @p id (UTF-8): bounded_term(kPrefixId, id).
 *  The id itself is stored whole (kSlotId, kSlotHitFields): only the term is cut. Never
 *  throws; an empty @p id gives `Q` (IndexWriter refuses empty ids).
 *
 *  **Example**
 *  @code
 *  schema::id_term("a1");                    // "Qa1"
 *  schema::id_term(std::string(300, 'x'));   // "Q" + 228 × 'x' + 16 hex digits: 245 bytes
 *  @endcode
 */
[[nodiscard]] std::string id_term(std::string_view id);
/** Title words (stemmed `ZS…`, as Xapian's TermGenerator prefixes them). */
inline constexpr std::string_view kPrefixTitle = "S";
/** Source (newspaper, collection) as one boolean term: source_term(fahras::source_name_key(name)),
 *  searched with `source:NAME` in queries. */
inline constexpr std::string_view kPrefixSource = "XSOURCE";
/** The boolean term of the source whose fahras::source_name_key is @p key (UTF-8):
 *  bounded_term(kPrefixSource, key), `XSOURCE` + @p key unless that is too long for Xapian.
 *  Never throws. */
[[nodiscard]] std::string source_term(std::string_view key);

/** Query field, used by fahras::query_text only, through which a prefix wildcard (بوت*) is
 *  matched against the `Z` stem terms (the index holds no unstemmed terms). */
inline constexpr std::string_view kStemWildcardField = "fahrasstem";
/** Term prefix of stems, as Xapian's TermGenerator writes them (STEM_ALL_Z). */
inline constexpr std::string_view kPrefixStem = "Z";

/** Synonym-table key prefix of spelling-variant groups: `XV` + variant_key(stem) lists the
 *  index's stems with that key (ترامب, ترمب). Rewritten at the end of every indexing run. */
inline constexpr std::string_view kPrefixVariant = "XV";

/** Value slot holding the document id (for updates and --prune). */
inline constexpr unsigned kSlotId = 0;
/** Value slot holding what a hit shows: id, title, date as written, source as written and
 *  URL, packed (common/src/stored_fields.h), so that a hit costs one value lookup, not five
 *  (each is a B-tree lookup: with five, 100 hits took 40% of a search). Slots 1, 2 and 4
 *  (date, title, URL until analyzer version 4) are unused. */
inline constexpr unsigned kSlotHitFields = 10;
/** Value slot holding the source name as written, if any (the source facet). */
inline constexpr unsigned kSlotSource = 3;
/** Value slot holding the document's content hash (16 hex digits of the 64-bit FNV-1a hash
 *  of every stored field): a document read again with the same hash is not analyzed again. */
inline constexpr unsigned kSlotContentHash = 5;
/** Value slot holding the path key of the SOURCE the document was read from (see
 *  kPrefixSourcePathKey), for --prune. */
inline constexpr unsigned kSlotSourcePathKey = 6;
/** Value slot holding, on a document read from a file below a directory SOURCE, that
 *  file's `SIZE MTIME_NS CTIME_NS` when it was read (empty if it gave warnings): an update
 *  skips the file while they stay the same. */
inline constexpr unsigned kSlotFileState = 9;

/** Boolean term `XF` + source path key (16 hex digits of the 64-bit FNV-1a hash of the
 *  SOURCE's absolute path) on every document read from that SOURCE (a file or directory named to
 *  fahras-index). Not the key of the source's name (fahras::source_name_key). */
inline constexpr std::string_view kPrefixSourcePathKey = "XF";
/** The former names of kPrefixSourcePathKey and kSlotSourcePathKey. */
[[deprecated("use kPrefixSourcePathKey")]] inline constexpr std::string_view kPrefixSourceKey =
    kPrefixSourcePathKey;
[[deprecated("use kSlotSourcePathKey")]] inline constexpr unsigned kSlotSourceKey =
    kSlotSourcePathKey;
/** Value slot holding the calendar day `YYYY-MM-DD` of a date that begins with an ISO 8601
 *  date (fahras::iso_day): the key of --since/--until and of sorting by date. */
inline constexpr unsigned kSlotDay = 7;
/** Value slot holding the month `YYYY-MM` of that day: the key of the month facet. */
inline constexpr unsigned kSlotMonth = 8;

/** Metadata key: analyzer version the index was built with (fahras::kAnalyzerVersion). */
inline constexpr std::string_view kMetaAnalyzer = "fahras:analyzer";
/** Metadata key: stemmer the index was built with ("light", "snowball", "none"). */
inline constexpr std::string_view kMetaStemmer = "fahras:stemmer";
/** Metadata key: "1" while the spelling-variant groups (kPrefixVariant) may lack the stems of
 *  documents changed since they were last rewritten. Set in the commit that changes
 *  documents, cleared in the commit that rewrites the groups: fahras-index rewrites them at
 *  the end of every run that finds it set, even a run killed before could not. */
inline constexpr std::string_view kMetaVariantsStale = "fahras:variants-stale";
/** Metadata key prefix: `fahras:source:` + source path key holds what the last run saw of that
 *  SOURCE, `KIND SIZE MTIME_NS CTIME_NS\tPATH` (KIND: `file`, `warned` for a file that gave
 *  warnings, `dir`): an unchanged file (same size and times) is skipped whole. */
inline constexpr std::string_view kMetaSourcePrefix = "fahras:source:";

/** Field names of JSONL records. The document data is the original text alone, in SCSU
 *  (common/src/stored_fields.h); the other fields are value slots. */
inline constexpr std::string_view kFieldId = "id";
inline constexpr std::string_view kFieldTitle = "title";
inline constexpr std::string_view kFieldText = "text";
inline constexpr std::string_view kFieldDate = "date";
inline constexpr std::string_view kFieldSource = "source";
inline constexpr std::string_view kFieldUrl = "url";

}  // namespace fahras::schema
