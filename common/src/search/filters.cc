/** @file
 *  @brief Filters and facets: the date range, the sources, the written forms of `exact:`, and
 *  the counts of sources and months over every match.
 */
#include "search/filters.h"

#include <algorithm>
#include <string_view>

#include "analysis/utf8.h"
#include "fahras/error.h"
#include "fahras/fields.h"
#include "fahras/schema.h"
#include "schema/stored_fields.h"

namespace fahras::detail {

namespace {

/** Which end of a date range a bound is. */
enum class Bound { Lower, Upper };

/** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the day it starts (Lower) or ends (Upper) with. Days
 *  compare as strings; no valid day is past the 31st of its month, so `-31` ends any. */
std::string date_bound(std::string_view value, std::string_view name, Bound bound) {
    std::string day(value);
    if (value.size() == 4) day += bound == Bound::Lower ? "-01-01" : "-12-31";
    if (value.size() == 7) day += bound == Bound::Lower ? "-01" : "-31";
    const std::string check = value.size() == 7 ? std::string(value) + "-01" : day;
    if (day.size() != 10 || iso_day(check) != check) {
        throw Error("bad date '" + std::string(value) + "' for " + std::string(name) +
                    " (use YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    return day;
}

}  // namespace

Xapian::Query date_filter(const SearchOptions& options) {
    if (options.since.empty() && options.until.empty()) return {};
    if (options.until.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDay,
                             date_bound(options.since, "since", Bound::Lower));
    }
    const std::string until = date_bound(options.until, "until", Bound::Upper);
    if (options.since.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDay, until);
    }
    const std::string since = date_bound(options.since, "since", Bound::Lower);
    // An empty range is a mistake (the bounds swapped). Xapian makes OP_VALUE_RANGE with
    // begin > end an empty Query, which the search took for no filter at all.
    if (since > until) {
        throw Error("since '" + options.since + "' is after until '" + options.until + "'");
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay, since, until);
}

Xapian::Query options_filter(const SearchOptions& options) {
    Xapian::Query filter = date_filter(options);
    if (options.sources.empty()) return filter;
    std::vector<Xapian::Query> sources;
    for (const std::string& name : options.sources) {
        sources.emplace_back(schema::source_term(source_name_key(name)));
    }
    const Xapian::Query any(Xapian::Query::OP_OR, sources.begin(), sources.end());
    return filter.empty() ? any : Xapian::Query(Xapian::Query::OP_AND, filter, any);
}

Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter) {
    return filter.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

bool HoldsExactForms::operator()(const Xapian::Document& doc) const {
    const std::string text = nfc(hit_fields(doc).title + "\n" + stored_text(doc));
    return std::all_of(forms_.begin(), forms_.end(), [&](const std::string& form) {
        return text.find(form) != std::string::npos;
    });
}

std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> facet_spies(
    const std::vector<Facet>& facets) {
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const Facet facet : facets) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
            facet == Facet::Source ? schema::kSlotSource : schema::kSlotMonth));
    }
    return spies;
}

FacetCounts facet_counts(Facet facet, const Xapian::ValueCountMatchSpy& spy) {
    FacetCounts counts;
    counts.facet = facet;
    std::size_t with_value = 0;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        counts.counts.push_back({*v, v.get_termfreq()});
        with_value += v.get_termfreq();
    }
    // The spy sees every match (facets make the match check them all): the rest have none.
    counts.missing = spy.get_total() - std::min<std::size_t>(with_value, spy.get_total());
    // values_begin() gives byte order: right for months; sources go by count.
    if (facet == Facet::Source) {
        std::stable_sort(
            counts.counts.begin(), counts.counts.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    }
    return counts;
}

}  // namespace fahras::detail
