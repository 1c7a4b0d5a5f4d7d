package ru.journalarchive.app.run;

import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.journal.ingest.UnknownSchoolException;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Starts a run on demand, for the API and the administrator's page alike: the school must be known
 * (or be the district, for its roll-up), the planner refuses an unknown year, period or class with the
 * field at fault, and nothing is recorded unless the whole plan is made.
 */
@Component
public class ArchiveRunStarter {

    private final ArchiveRunPlanner planner;
    private final ArchiveRuns runs;
    private final SchoolRegistry schools;
    private final SchoolSigningKeys keys;
    private final String district;

    public ArchiveRunStarter(ArchiveRunPlanner planner, ArchiveRuns runs, SchoolRegistry schools, SchoolSigningKeys keys,
                             JournalArchiveProperties properties) {
        this.planner = planner;
        this.runs = runs;
        this.schools = schools;
        this.keys = keys;
        this.district = properties.district().code();
    }

    /**
     * @param periodId blank: the year end
     * @param classId blank: every class
     * @return the new run's id
     */
    public long start(String school, String schoolYear, String periodId, String classId, String actor) {
        if (!school.equals(district)) schools.find(school).orElseThrow(() -> new UnknownSchoolException(school));
        String period = blankToNull(periodId);
        String cls = blankToNull(classId);
        var plan = planner.plan(school, schoolYear, period, cls, keys.hasSeal(school));
        return runs.start(school, schoolYear, period, cls, actor, plan);
    }

    /** The municipality's code: a run for it is the district roll-up of a period. */
    public String district() {
        return district;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
