/** @file
 *  @brief Tests of the terms, positions and spelling counts of a document's words
 * (index/term_writer.cc).
 */
#include "index/term_writer.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/index_writer.h"
#include "fahras/tokenize.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

namespace {

/** fahras's stemmer as a Xapian stemmer, for the reference term generator. */
class AnalyzerStem : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override { return analyzer_.stem(word); }
    std::string get_description() const override { return "test"; }

  private:
    fahras::Analyzer analyzer_;
};

using Postings = std::map<std::string, std::vector<Xapian::termpos>>;

/** The text terms of @p doc (stems, `Z…`) with their positions. */
Postings postings(const Xapian::Document& doc) {
    Postings out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (!(*t).starts_with('Z')) continue;
        std::vector<Xapian::termpos>& positions = out[*t];
        positions.assign(t.positionlist_begin(), t.positionlist_end());
    }
    return out;
}

}  // namespace

TEST_CASE("the index holds what Xapian's TermGenerator makes of the analysis text") {
    // IndexWriter writes terms and positions itself; this is the reference it must equal:
    // TermGenerator with STEM_ALL_Z over analysis_text() without its stop words, title first,
    // a gap of 100, then the text; the stop words' terms and the title field's terms with no
    // positions. Words it lower-cases or splits (ß, Greek, Cherokee, Ⓐ), numbers, and words
    // over its 64-byte limit included.
    const std::string title = "İstanbul AND Straße: الرئيسُ الروسي";
    const std::string text = "ΣΊΣΥΦΟΣ ᏣᎳᎩ café ﻻ پچژگ ١٢٣ 2.5.3 G20 145مليون الـ20 Ⓐ x² ﬁ وٰ " +
                             std::string(70, 'x') +
                             " بببببببببببببببببببببببببببببببببببببببب والرئيس لترامب في موسكو.";
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", "{\"id\": \"a\", \"title\": \"" + title +
                                                           "\", \"text\": \"" + text + "\"}\n");
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 1;
    (void)fahras::index_sources(db, {source}, options, {});

    // The analysis text's words split into stop words and the others.
    std::vector<std::string> stop_words;
    const auto without_stop_words = [&](const std::string& analysis) {
        std::string out;
        std::istringstream words(analysis);
        for (std::string word; words >> word;) {
            if (fahras::is_stop_word(word)) {
                stop_words.push_back(word);
            } else {
                out += word + ' ';
            }
        }
        return out;
    };
    Xapian::Document generated;
    Xapian::TermGenerator gen;
    gen.set_stemmer(Xapian::Stem(new AnalyzerStem));
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    gen.set_document(generated);
    gen.index_text(without_stop_words(fahras::analysis_text(title)));
    gen.increase_termpos();
    gen.index_text(without_stop_words(fahras::analysis_text(text)));
    Postings expected = postings(generated);
    const fahras::Analyzer analyzer;
    for (const std::string& word : stop_words) (void)expected["Z" + analyzer.stem(word)];
    Xapian::Document title_field;
    gen.set_document(title_field);
    gen.index_text(fahras::analysis_text(title), 1, "S");
    for (const auto& [term, positions] : postings(title_field)) (void)expected[term];

    const Xapian::Database index(db);
    const Postings got = postings(index.get_document(1));
    CHECK(got == expected);
    CHECK(got.contains("Zstrasse"));
    CHECK(got.at("ZSstrasse").empty());
    CHECK(got.at("Zفي").empty());
    CHECK(got.at("Zلا").empty());
    // 5 title words, the gap, then the 22nd word of the text less 3 stop words (ﻻ, the ال
    // of الـ20, في).
    CHECK(got.at("Zموسكو") == std::vector<Xapian::termpos>{5 + 100 + 22 - 3});
    CHECK_FALSE(got.contains(std::string("Z").append(70, 'x')));
}

TEST_CASE("regression: #15 a word too long to index, seen three times, does not fail the commit") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    const std::string word = repeat("\u0628", 150);  // 300 bytes
    {
        fahras::IndexWriter writer(path, {});
        writer.add({.id = "long", .text = "مدينة " + word + " " + word + " " + word});
        writer.commit();  // the spelling table once got the word: "Key too long"
    }
    CHECK(ids(path, "مدينة") == std::vector<std::string>{"long"});
    CHECK(spelling_frequency(Xapian::Database(path), word) == 0);
}

TEST_CASE("is_one_term is true where Xapian's TermGenerator makes the word its one term") {
    // Not the analyzer's test of a normalized word: أ and é are one term as they stand, but
    // normalizing changes them; upper case is normalized, but not one term as it stands.
    struct Case {
        std::string word;
        bool one_term;
    };
    // ARABIC LETTER ALEF WITH HAMZA ABOVE (أ), ARABIC TATWEEL (ـ), ARABIC LIGATURE LAM WITH
    // ALEF ISOLATED FORM (ﻻ), SUPERSCRIPT TWO (²), CIRCLED LATIN SMALL LETTER A (ⓐ).
    const std::vector<Case> cases = {
        {"مدينة", true}, {"أحمد", true},   {"ـ", true},        {"ﻻ", true},
        {"café", true},  {"straße", true}, {"σ", true},        {"2.5", true},
        {"g20", true},   {"Café", false},  {"ΣΊΣΥΦΟΣ", false}, {"a-b", false},
        {"a b", false},  {"x²", true},     {"ⓐ", false},       {"!", false},
    };
    Xapian::TermGenerator generator;
    for (const Case& c : cases) {
        CAPTURE(c.word);
        CHECK(fahras::detail::is_one_term(c.word) == c.one_term);
        // The reference: what the term generator makes of the word.
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(c.word);
        const bool generated = doc.termlist_count() == 1 && *doc.termlist_begin() == c.word;
        CHECK(generated == c.one_term);
    }
    // Invalid UTF-8 is never one term (the analyzer's test accepts the bytes D9 C1, which
    // look like an Arabic letter by their bits: words never hold such bytes, tokenize
    // repairs them).
    for (const std::string bytes : {"\xd9\xc1", "\xff", "\xd8", "\xd9\x85\xd8"}) {
        CAPTURE(bytes);
        CHECK_FALSE(fahras::detail::is_one_term(bytes));
    }
}
