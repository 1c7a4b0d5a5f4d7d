package ru.journalarchive.app.run;

import ru.journalarchive.reports.engine.SignatureStampArea;

/** What an archive run produces, with the retention class each kind is kept under and where its signature mark goes. */
public enum DocumentKind {
    JOURNAL("journal", "journal", SignatureStampArea.LANDSCAPE),
    SUMMARY_LEDGER("summary-ledger", "summary-ledger", SignatureStampArea.LANDSCAPE),
    PARENT_REPORT("parent-report", "parent-report", SignatureStampArea.PORTRAIT),
    MONITORING_REPORT("monitoring-report", "monitoring-report", SignatureStampArea.PORTRAIT),
    /** The municipality's roll-up of every school's monitoring report for a period. */
    DISTRICT_MONITORING("district-monitoring-report", "monitoring-report", SignatureStampArea.PORTRAIT);

    private final String code;
    private final String retentionClass;
    private final SignatureStampArea stamp;

    DocumentKind(String code, String retentionClass, SignatureStampArea stamp) {
        this.code = code;
        this.retentionClass = retentionClass;
        this.stamp = stamp;
    }

    /** The kind as the catalogue and the archive keys name it. */
    public String code() {
        return code;
    }

    public String retentionClass() {
        return retentionClass;
    }

    public SignatureStampArea stamp() {
        return stamp;
    }
}
