/** @file
 *  @brief Internal: what narrows a search without ranking it: the date range and the sources
 *  of SearchOptions, the written forms of `exact:`, and the facets counted over every match.
 */
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "fahras/search.h"

namespace fahras::detail {

/** Documents within [since, until] (SearchOptions), by their day; an empty query if there
 *  is no bound.
 *  @throws fahras::Error if a bound is not a date, or since is after until. */
[[nodiscard]] Xapian::Query date_filter(const SearchOptions& options);

/** The filter of @p options: its dates and its sources (the query's own `source:` fields are
 *  the parser's); an empty query for none.
 *  @throws as date_filter(). */
[[nodiscard]] Xapian::Query options_filter(const SearchOptions& options);

/** @p query kept to the documents that pass @p filter (none: @p query as it is). */
[[nodiscard]] Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter);

/** Keeps the documents whose stored title or text holds every written form, NFC. */
class HoldsExactForms : public Xapian::MatchDecider {
  public:
    explicit HoldsExactForms(std::vector<std::string> forms) : forms_(std::move(forms)) {}

    bool operator()(const Xapian::Document& doc) const override;

  private:
    std::vector<std::string> forms_;
};

/** A match spy for each of @p facets, in order, on its value slot. */
[[nodiscard]] std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> facet_spies(
    const std::vector<Facet>& facets);

/** The counts a match spy on @p facet's value slot gathered, in the documented order. */
[[nodiscard]] FacetCounts facet_counts(Facet facet, const Xapian::ValueCountMatchSpy& spy);

}  // namespace fahras::detail
