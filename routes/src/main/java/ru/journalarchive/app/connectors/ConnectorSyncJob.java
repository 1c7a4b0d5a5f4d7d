package ru.journalarchive.app.connectors;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The nightly pull of every enabled source; Quartz keeps it in PostgreSQL, clustered, so one node runs it. */
@DisallowConcurrentExecution
public class ConnectorSyncJob extends QuartzJobBean {

    @Autowired
    private ConnectorSync sync;

    @Override
    protected void executeInternal(JobExecutionContext context) {
        sync.syncAll("SCHEDULE");
    }
}
