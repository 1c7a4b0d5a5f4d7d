package ru.journalarchive.app.run;

import java.util.List;

/** Where a document's drafts live in the drafts bucket: one prefix per document id. */
final class DraftKeys {

    private DraftKeys() {}

    static String pdf(RunDocument d) {
        return d.documentId() + "/draft.pdf";
    }

    static String twin(RunDocument d) {
        return d.documentId() + "/data.json";
    }

    static String signedPdf(RunDocument d) {
        return d.documentId() + "/document.pdf";
    }

    static String signature(RunDocument d) {
        return d.documentId() + "/document.pdf.sig";
    }

    /** The document a draft key belongs to. */
    static String documentId(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    static List<String> all(RunDocument d) {
        return List.of(pdf(d), twin(d), signedPdf(d), signature(d));
    }
}
