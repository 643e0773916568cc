/** @file
 *  @brief fahras-search's output formats (text, JSON Lines, TSV, TREC runs) and the JSON
 *  objects of fahras-serve's answers.
 */
#include "output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fahras {

namespace {

/** Snippets run over several lines of the original text: show them on one. */
std::string one_line(std::string s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/** `رءيس 0.081 for الرئيس (الرءيس x3, للرءيس x1) | روس 0.050 for الروسي (الروسي x2)` */
std::string describe(const std::vector<TermMatch>& matches) {
    std::string out;
    for (const TermMatch& m : matches) {
        if (!out.empty()) out += " | ";
        out += m.term + " " + fixed(m.weight, 3);
        for (std::size_t i = 0; i < m.query_words.size(); ++i) {
            out += (i == 0 ? " for " : ", ") + m.query_words[i];
        }
        std::string words;
        for (const auto& [word, count] : m.words) {
            if (!words.empty()) words += ", ";
            words += word + " x" + std::to_string(count);
        }
        if (!words.empty()) out += " (" + words + ")";
    }
    return out;
}

/** The features that moved a hit's learned score most, the largest first (at most
 *  kExplainedFeatures, none that moved it less than 0.0005), then how many more there are and
 *  the bias: `stage1_score=12.301 (+0.412) | … | 24 more | bias (+0.050)`. --format json has
 *  them all. */
std::string describe(const std::vector<RankingFeature>& features) {
    constexpr std::size_t kExplainedFeatures = 8;
    std::string out;
    std::size_t shown = 0;
    std::size_t more = 0;
    std::string bias;
    for (const RankingFeature& f : features) {
        const std::string contribution =
            " (" + std::string(f.contribution < 0 ? "" : "+") + fixed(f.contribution, 3) + ")";
        if (f.name == "bias") {
            bias = "bias" + contribution;
        } else if (shown < kExplainedFeatures && std::abs(f.contribution) >= 0.0005) {
            out += (shown++ == 0 ? "" : " | ") + f.name + "=" + fixed(f.value, 3) + contribution;
        } else {
            ++more;
        }
    }
    if (more > 0) out += " | " + std::to_string(more) + " more";
    if (!bias.empty()) out += " | " + bias;
    return out;
}

/** `1 document matches`, `5 documents match`. */
std::string matches(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " document matches" : " documents match");
}

/** `source: S | date: D` for the fields a hit has, or "". */
std::string fields_line(const Hit& hit) {
    std::string out;
    if (!hit.source.empty()) out += "source: " + hit.source;
    if (!hit.date.empty()) out += (out.empty() ? "" : " | ") + ("date: " + hit.date);
    return out;
}

void print_text(std::ostream& out, std::string_view qid, std::string_view query,
                const SearchOptions& options, const SearchResult& result) {
    if (!qid.empty()) out << "# " << qid << ": " << query << '\n';
    if (!result.did_you_mean.empty()) out << "Did you mean: " << result.did_you_mean << '\n';
    if (options.limit == 0 && result.matches_estimated > 0) {
        // -n 0: a count (exact, SearchOptions::limit) instead of hits.
        out << matches(result.matches_estimated) << ".\n";
    } else if (result.matches_estimated == 0) {
        out << "No documents match.\n";
    }
    for (const Hit& hit : result.hits) {
        out << hit.rank << ". " << hit.id << "  (score " << fixed(hit.score, 3) << ")\n";
        if (!hit.title.empty()) {
            out << "   "
                << one_line(hit.title_highlighted.empty() ? hit.title : hit.title_highlighted)
                << '\n';
        }
        if (const std::string fields = fields_line(hit); !fields.empty()) {
            out << "   " << one_line(fields) << '\n';
        }
        if (!hit.snippet.empty()) out << "   " << one_line(hit.snippet) << '\n';
        if (!hit.matches.empty()) out << "   matched: " << describe(hit.matches) << '\n';
        if (!hit.ranking.empty()) out << "   ranked: " << describe(hit.ranking) << '\n';
        out << '\n';
    }
    if (options.limit > 0 && result.matches_estimated > 0) out << total_line(options, result);
    for (const FacetCounts& facet : result.facets) {
        out << "Facet " << to_string(facet.facet) << " (" << result.matches_estimated
            << " matches):\n";
        for (const FacetCount& c : facet.counts) {
            char count[32];
            std::snprintf(count, sizeof count, "%8zu", c.count);
            out << count << "  " << one_line(c.value) << '\n';
        }
        if (facet.facet == Facet::Month && facet.missing > 0) {
            char count[32];
            std::snprintf(count, sizeof count, "%8zu", facet.missing);
            out << count << "  undated\n";
        }
    }
}

void print_json(std::ostream& out, std::string_view qid, std::string_view query,
                const SearchOptions& options, const SearchResult& result) {
    for (const Hit& hit : result.hits) out << dump_json(hit_json(qid, hit)) << '\n';
    out << dump_json(summary_json(qid, query, options, result)) << '\n';
}

void print_tsv(std::ostream& out, std::string_view qid, const SearchResult& result) {
    for (const Hit& hit : result.hits) {
        if (!qid.empty()) out << tsv_field(qid) << '\t';
        out << hit.rank << '\t' << hit.docid << '\t' << fixed(hit.score, 6) << '\t'
            << tsv_field(hit.id) << '\t' << tsv_field(hit.title) << '\t' << tsv_field(hit.date)
            << '\t' << tsv_field(hit.source) << '\t' << tsv_field(hit.url) << '\n';
    }
}

/** The topic of a run's line: @p qid, or "1" for a single query (trec and features). */
std::string_view run_qid(std::string_view qid) { return qid.empty() ? "1" : qid; }

/** The learned ranker's features: `QID<TAB>ID<TAB>F1<TAB>F2…` per hit (see
 *  print_features_header). */
void print_features(std::ostream& out, std::string_view qid, const SearchResult& result) {
    const std::string_view topic = run_qid(qid);
    for (const Hit& hit : result.hits) {
        if (hit.features.empty()) continue;  // past the depth the model reads
        out << topic << '\t' << hit.id;
        for (const float f : hit.features) out << '\t' << fixed(f, 6);
        out << '\n';
    }
}

void print_trec(std::ostream& out, std::string_view qid, const SearchResult& result) {
    const std::string_view topic = run_qid(qid);
    for (const Hit& hit : result.hits) {
        out << topic << " Q0 " << hit.id << ' ' << hit.rank << ' ' << fixed(hit.score, 6)
            << " fahras\n";
    }
}

}  // namespace

nlohmann::json hit_json(std::string_view qid, const Hit& hit) {
    nlohmann::json j = {
        {"type", "hit"}, {"qid", qid},         {"rank", hit.rank},   {"docid", hit.docid},
        {"id", hit.id},  {"score", hit.score}, {"title", hit.title}, {"snippet", hit.snippet}};
    if (!hit.title_highlighted.empty()) j["title_highlighted"] = hit.title_highlighted;
    if (!hit.date.empty()) j["date"] = hit.date;
    if (!hit.source.empty()) j["source"] = hit.source;
    if (!hit.url.empty()) j["url"] = hit.url;
    if (!hit.matches.empty()) {
        nlohmann::json matches = nlohmann::json::array();
        for (const TermMatch& m : hit.matches) {
            nlohmann::json words = nlohmann::json::array();
            for (const auto& [word, count] : m.words) {
                words.push_back({{"word", word}, {"count", count}});
            }
            matches.push_back({{"term", m.term},
                               {"weight", m.weight},
                               {"query_words", m.query_words},
                               {"words", words}});
        }
        j["matched"] = matches;
    }
    if (!hit.ranking.empty()) {
        nlohmann::json ranking = nlohmann::json::array();
        for (const RankingFeature& f : hit.ranking) {
            ranking.push_back(
                {{"feature", f.name}, {"value", f.value}, {"contribution", f.contribution}});
        }
        j["ranking"] = ranking;
    }
    return j;
}

nlohmann::json summary_json(std::string_view qid, std::string_view query,
                            const SearchOptions& options, const SearchResult& result) {
    nlohmann::json summary = {{"type", "summary"},
                              {"version", kOutputVersion},
                              {"qid", qid},
                              {"query", query},
                              {"offset", options.offset},
                              {"returned", result.hits.size()},
                              {"matches_estimated", result.matches_estimated},
                              {"did_you_mean", result.did_you_mean}};
    if (!result.facets.empty()) {
        nlohmann::json facets = nlohmann::json::object();
        for (const FacetCounts& facet : result.facets) {
            nlohmann::json counts = nlohmann::json::array();
            for (const FacetCount& c : facet.counts) {
                counts.push_back({{"value", c.value}, {"count", c.count}});
            }
            facets[std::string(to_string(facet.facet))] = counts;
            // The matches the month list leaves out: beside it, not in it (not a month).
            if (facet.facet == Facet::Month) summary["undated"] = facet.missing;
        }
        summary["facets"] = facets;
    }
    return summary;
}

nlohmann::json document_json(const StoredDocument& doc) {
    nlohmann::json j = {{"id", doc.id}, {"title", doc.title}, {"text", doc.text}};
    if (!doc.date.empty()) j["date"] = doc.date;
    if (!doc.source.empty()) j["source"] = doc.source;
    if (!doc.url.empty()) j["url"] = doc.url;
    return j;
}

std::string dump_json(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string total_line(const SearchOptions& options, const SearchResult& result) {
    const std::size_t n = result.matches_estimated;
    if (result.hits.empty()) {
        // --offset past the last match.
        return "No hits from rank " + std::to_string(options.offset + 1) + " on: " + matches(n) +
               ".\n";
    }
    // Xapian's count is an estimate unless its bounds meet (the match ran to its end: it
    // counted every document for the facets, or found fewer than it was asked for).
    const bool exact = result.matches_lower_bound == result.matches_upper_bound;
    const std::size_t first = result.hits.front().rank;
    const std::size_t last = result.hits.back().rank;
    return "Showing " + std::to_string(first) +
           (last == first ? "" : "\u2013" + std::to_string(last)) +  // EN DASH
           " of " + (exact ? "" : "about ") + std::to_string(n) +
           (n == 1 ? " match.\n" : " matches.\n");
}

void print_count(std::ostream& out, std::string_view qid, const SearchResult& result) {
    if (!qid.empty()) out << tsv_field(qid) << '\t';
    out << result.matches_estimated << '\n';
}

nlohmann::json error_json(std::string_view qid, std::string_view query, std::string_view message) {
    return {{"type", "error"}, {"qid", qid}, {"query", query}, {"error", message}};
}

std::string tsv_field(std::string_view value) {
    std::string field(value);
    for (char& c : field) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    const bool formula = !field.empty() && (field.front() == '=' || field.front() == '+' ||
                                            field.front() == '-' || field.front() == '@');
    if (!formula && field.find('"') == std::string::npos) return field;
    std::string quoted = "\"";
    for (const char c : field) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

void print_tsv_header(std::ostream& out, bool topics) {
    out << (topics ? "qid\t" : "") << "rank\tdocid\tscore\tid\ttitle\tdate\tsource\turl\n";
}

std::string tsv_facet_rows(std::string_view qid, const SearchResult& result) {
    const std::string start = qid.empty() ? std::string() : tsv_field(qid) + '\t';
    std::string rows;
    for (const FacetCounts& facet : result.facets) {
        for (const FacetCount& c : facet.counts) {
            rows += start + std::string(to_string(facet.facet)) + '\t' + tsv_field(c.value) + '\t' +
                    std::to_string(c.count) + '\n';
        }
        if (facet.facet == Facet::Month && facet.missing > 0) {
            rows += start + "month\tundated\t" + std::to_string(facet.missing) + '\n';
        }
    }
    return rows;
}

void print_tsv_facets(std::ostream& out, bool topics, std::string_view rows) {
    if (rows.empty()) return;
    out << '\n' << (topics ? "qid\t" : "") << "facet\tvalue\tcount\n" << rows;
}

void print_tokens(std::ostream& out, Format format, const std::vector<Token>& tokens) {
    std::size_t number = 0;
    for (const Token& t : tokens) {
        const bool stop = t.stop_word == StopWord::Yes;
        if (format == Format::Json) {
            out << dump_json({{"type", "token"},
                              {"surface", t.surface},
                              {"normalized", t.normalized},
                              {"stem", t.stem},
                              {"start", t.start},
                              {"end", t.end},
                              {"stop_word", stop}})
                << '\n';
        } else {
            out << ++number << ". " << t.surface << " -> " << t.normalized << " -> " << t.stem
                << " (bytes " << t.start << '-' << t.end << (stop ? ", stop word)\n" : ")\n");
        }
    }
}

Format parse_format(std::string_view name) {
    if (name == "json") return Format::Json;
    if (name == "tsv") return Format::Tsv;
    if (name == "trec") return Format::Trec;
    if (name == "features") return Format::Features;
    return Format::Text;
}

void print_features_header(std::ostream& out) {
    out << "# features:";
    for (const std::string& name : ranking_feature_names()) out << ' ' << name;
    out << '\n';
}

void print_result(std::ostream& out, Format format, std::string_view qid, std::string_view query,
                  const SearchOptions& options, const SearchResult& result) {
    switch (format) {
        case Format::Text:
            print_text(out, qid, query, options, result);
            break;
        case Format::Json:
            print_json(out, qid, query, options, result);
            break;
        case Format::Tsv:
            print_tsv(out, qid, result);
            break;
        case Format::Features:
            print_features(out, qid, result);
            break;
        case Format::Trec:
            print_trec(out, qid, result);
            break;
    }
}

std::string bench_search_line(double seconds, std::vector<double> query_ms) {
    std::sort(query_ms.begin(), query_ms.end());
    const auto percentile = [&](double p) {
        if (query_ms.empty()) return 0.0;
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100 * query_ms.size()));
        return query_ms[std::clamp<std::size_t>(rank, 1, query_ms.size()) - 1];
    };
    return "#bench {\"phase\": \"search\", \"queries\": " + std::to_string(query_ms.size()) +
           ", \"seconds\": " + fixed(seconds, 3) + ", \"p50_ms\": " + fixed(percentile(50), 3) +
           ", \"p95_ms\": " + fixed(percentile(95), 3) +
           ", \"p99_ms\": " + fixed(percentile(99), 3) + "}\n";
}

}  // namespace fahras
