package ru.journalarchive.storage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.archive.Manifest;

/** Searching the catalogue by metadata, date ranges and hold, page by page in a stable order. */
class CatalogueSearchTest {

    static TestDatabase db;
    static Catalogue catalogue;
    static final Instant SEPTEMBER = Instant.parse("2026-09-01T00:00:00Z");

    @BeforeAll
    static void setUp() {
        db = TestDatabase.empty();
        StorageSchema.migrate(db.dataSource());
        catalogue = new Catalogue(new JdbcTemplate(db.dataSource()), JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
        // 30 journals of 9А, one a day from 1 September, signed by the director a day later; every third is math.
        for (int day = 0; day < 30; day++) {
            var metadata = new LinkedHashMap<>(Map.of("kind", "journal", "school", day < 20 ? "demo" : "demo2",
                    "school_year", "2026", "class_id", "c-9a", "subject", day % 3 == 0 ? "math" : "russian",
                    "signer", "Иванова Мария Петровна", "signed_at", SEPTEMBER.plusSeconds(86400L * (day + 1)).toString()));
            // Two documents created at the same instant: the id decides their order.
            Instant created = SEPTEMBER.plusSeconds(86400L * (day - day % 2));
            catalogue.record(new Manifest(1, "doc-%02d".formatted(day), metadata, List.of(), "journal", "COMPLIANCE",
                    ZonedDateTime.of(2032, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), created), "archive", "k/" + day, "v" + day);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeatsEvenWhenCreationTimesTie() {
        var seen = new ArrayList<String>();
        for (int page = 0; page < 4; page++)
            catalogue.search(CatalogueQuery.where(Map.of("class_id", "c-9a")).page(page, 7))
                    .forEach(d -> seen.add(d.documentId()));
        assertThat(seen).hasSize(28).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aDateRangeIsHalfOpenAndCombinesWithTheOtherFields() {
        var signedInSecondWeek = catalogue.search(CatalogueQuery.where(Map.of("school", "demo", "subject", "math"))
                .signed(new CatalogueQuery.Range(SEPTEMBER.plusSeconds(86400L * 8), SEPTEMBER.plusSeconds(86400L * 15))));
        // signed on day+1 ∈ [8, 15) → days 7…13, of which math: 9, 12
        assertThat(signedInSecondWeek).extracting(ArchivedDocument::documentId).containsExactly("doc-09", "doc-12");
        assertThat(signedInSecondWeek.get(0).signedAt()).isEqualTo(SEPTEMBER.plusSeconds(86400L * 10));
        var createdFromDay26 = catalogue.search(CatalogueQuery.where(Map.of())
                .created(new CatalogueQuery.Range(SEPTEMBER.plusSeconds(86400L * 26), null)));
        assertThat(createdFromDay26).extracting(ArchivedDocument::documentId).containsExactly("doc-26", "doc-27", "doc-28", "doc-29");
        assertThat(catalogue.search(CatalogueQuery.where(Map.of("signer", "Иванова Мария Петровна"))
                .retainUntil(new CatalogueQuery.Range(null, Instant.parse("2032-01-01T00:00:00Z"))))).isEmpty();
        assertThat(catalogue.search(CatalogueQuery.where(Map.of()).legalHold(true))).isEmpty();
    }

    @Test
    void hitsAreSortedByAnyShownColumnEitherWayWithTheIdBreakingTies() {
        var bySignedDescending = catalogue.search(CatalogueQuery.where(Map.of("subject", "math")).page(0, 50)
                .sorted(new CatalogueQuery.Sort("signed_at", true)));
        assertThat(bySignedDescending).extracting(ArchivedDocument::documentId)
                .containsExactly("doc-27", "doc-24", "doc-21", "doc-18", "doc-15", "doc-12", "doc-09", "doc-06", "doc-03", "doc-00");
        // Every school's documents share a signer: the id decides, in the same direction.
        var bySignerDescending = catalogue.search(CatalogueQuery.where(Map.of("school", "demo2")).sorted(new CatalogueQuery.Sort("signer", true)));
        assertThat(bySignerDescending).extracting(ArchivedDocument::documentId).isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .hasSize(10);
        var byKindThenId = catalogue.search(CatalogueQuery.where(Map.of()).page(0, 50).sorted(new CatalogueQuery.Sort("kind", false)));
        assertThat(byKindThenId).extracting(ArchivedDocument::documentId).hasSize(30).isSorted();
    }

    @Test
    void aPageCountsItsHitsUpToTheLimitAndSortsFewAndManyAlike() {
        var query = CatalogueQuery.where(Map.of("class_id", "c-9a")).page(1, 4).sorted(new CatalogueQuery.Sort("signed_at", true));
        var few = catalogue.page(query, 100);
        assertThat(few.count()).isEqualTo(30);
        assertThat(few.more()).isFalse();
        var many = catalogue.page(query, 10);
        assertThat(many.count()).isEqualTo(10);
        assertThat(many.more()).isTrue();
        // Found and then sorted, or walked along the index: the same page either way, and as search() gives it.
        assertThat(few.documents()).extracting(ArchivedDocument::documentId).containsExactly("doc-25", "doc-24", "doc-23", "doc-22")
                .isEqualTo(many.documents().stream().map(ArchivedDocument::documentId).toList())
                .isEqualTo(catalogue.search(query).stream().map(ArchivedDocument::documentId).toList());
        assertThat(catalogue.page(query.page(8, 4), 100).documents()).isEmpty();
        var none = catalogue.page(CatalogueQuery.where(Map.of("school", "nowhere")), 100);
        assertThat(none.count()).isZero();
        assertThat(none.documents()).isEmpty();
    }

    @Test
    void anUnknownFieldOrAnOversizedPageIsRefused() {
        assertThatThrownBy(() -> new CatalogueQuery.Sort("objects; DROP TABLE archived_document", false)).hasMessageContaining("cannot sort");
        assertThatThrownBy(() -> CatalogueQuery.where(Map.of("objects", "x"))).hasMessageContaining("cannot search by objects");
        assertThatThrownBy(() -> CatalogueQuery.where(Map.of()).page(0, 10_000)).hasMessageContaining("page size");
    }
}
