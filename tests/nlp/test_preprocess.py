from nlp.preprocess import analyze, clean, decompound, fold, german_pipeline, tokens


def test_umlaut_spellings_give_the_same_lemmas():
    assert tokens("Spielplaetze") == tokens("Spielplätze")
    assert tokens("Strasse") == tokens("Straße")
    assert fold("Öffnungszeiten für Büros") == "oeffnungszeiten fuer bueros"


def test_lookup_lemmas_and_stop_words():
    lemmas = tokens("Die Kinder spielten auf den Schulhöfen und die Schulen waren geschlossen")
    assert "kind" in lemmas and "schule" in lemmas and "spielen" in lemmas
    assert "die" not in lemmas and "und" not in lemmas


def test_compounds_yield_their_parts():
    assert {"kind", "betreuung", "angebot"} <= set(decompound("kinderbetreuungsangebote"))
    assert {"spiel", "platz", "sanierung"} <= set(tokens("Spielplatzsanierung"))
    assert "beratung" in tokens("Schuldnerberatung")
    assert "sprechstunde" in tokens("Pflegestützpunkt-Sprechstunde")
    assert decompound("kita") == ()


def test_emojis_urls_and_repeated_punctuation_are_removed():
    text = clean("Super!!!! 😍😍 siehe https://example.org/x?y=1 sooooo gut???")
    assert "http" not in text and "😍" not in text and "!!" not in text and "??" not in text
    assert "soo gut" in text
    assert tokens("https://example.org 🙂🙂") == []


def test_pipeline_is_blank_german_with_registered_component():
    nlp = german_pipeline()
    assert nlp.lang == "de"
    assert nlp.pipe_names == ["folded_lemmatizer"]
    assert nlp("Häuser")[0].lemma_ == "haus"


def test_analyze_keeps_order_and_duplicates():
    out = analyze(["Schule", "Kita", "Schule"])
    assert out[0] == out[2] == ["schule"] and out[1] == ["kita"]


def test_a_word_whose_lookup_lemma_is_hyphenated_again_ends():
    # The lookup table maps "us" to "US-amerikanischen", whose first part is "us" again.
    lemmas = tokens("Nobody told us where to register")
    assert "register" in lemmas
    assert any(lemma.startswith("us") for lemma in lemmas)
