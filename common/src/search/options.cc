/** @file
 *  @brief Search options: the names of rankings, sort orders and facets, and the checks of
 *  SearchOptions that need no index.
 */
#include <string>
#include <string_view>

#include "fahras/error.h"
#include "fahras/search.h"
#include "search/filters.h"

namespace fahras {

Ranking parse_ranking(std::string_view name) {
    if (name == "learned") return Ranking::Learned;
    if (name == "auto") return Ranking::Auto;
    if (name == "dlh") return Ranking::Dlh;
    if (name == "bm25") return Ranking::Bm25;
    throw Error("unknown ranking '" + std::string(name) + "' (use learned, auto, dlh or bm25)");
}

Sort parse_sort(std::string_view name) {
    if (name == "relevance") return Sort::Relevance;
    if (name == "date") return Sort::Date;
    throw Error("unknown sort order '" + std::string(name) + "' (use relevance or date)");
}

Facet parse_facet(std::string_view name) {
    if (name == "source") return Facet::Source;
    if (name == "month") return Facet::Month;
    throw Error("unknown facet '" + std::string(name) + "' (use source or month)");
}

std::string_view to_string(Facet facet) noexcept {
    return facet == Facet::Source ? "source" : "month";
}

// For fahras-serve: the options' checks before a search (a 400 rather than a 500).
void check_search_options(const SearchOptions& options) { (void)detail::date_filter(options); }

}  // namespace fahras
