package ru.journalarchive.app.run;

import java.time.LocalDate;
import java.time.ZoneId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;
import ru.journalarchive.app.config.JournalArchiveProperties;

/** The daily look for ended periods; Quartz keeps it in PostgreSQL so that only one node runs it. */
@DisallowConcurrentExecution
public class PeriodEndJob extends QuartzJobBean {

    @Autowired
    private PeriodEnds periodEnds;
    @Autowired
    private JournalArchiveProperties properties;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        periodEnds.startDue(LocalDate.now(ZoneId.of(properties.reports().timeZone())));
    }
}
