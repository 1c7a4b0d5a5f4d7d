package ru.journalarchive.reports.engine;

/** The JRXML templates of the service, under {@code ru/journalarchive/reports/templates/}. */
public enum ReportTemplate {
    CLASS_JOURNAL("class-journal"),
    SUMMARY_LEDGER("summary-ledger"),
    PARENT_REPORT("parent-report"),
    MONITORING_REPORT("monitoring-report"),
    DISPOSAL_ACT("disposal-act");

    private final String name;

    ReportTemplate(String name) {
        this.name = name;
    }

    String resource() {
        return "ru/journalarchive/reports/templates/" + name + ".jrxml";
    }

    @Override
    public String toString() {
        return name;
    }
}
