package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.config.StorageConfig;
import ru.journalarchive.reports.engine.ReportEngine;

/**
 * The archive's beans for a command run beside the service: the same application.yml and
 * environment and the same {@link StorageConfig}, without the web server, the routes or the
 * template warm-up.
 */
final class ArchiveContext {

    private ArchiveContext() {}

    static AnnotationConfigApplicationContext open() {
        var context = new AnnotationConfigApplicationContext();
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(context.getEnvironment().getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.register(Beans.class);
        context.refresh();
        return context;
    }

    /** Not a @Configuration: the service's component scan must not pick these up. */
    @EnableConfigurationProperties(JournalArchiveProperties.class)
    @Import(StorageConfig.class)
    static class Beans {

        @Bean
        DataSource dataSource(Environment env) {
            var ds = new PGSimpleDataSource();
            ds.setUrl(env.getRequiredProperty("spring.datasource.url"));
            ds.setUser(env.getProperty("spring.datasource.username"));
            ds.setPassword(env.getProperty("spring.datasource.password"));
            return ds;
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(DataSource dataSource) {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        /** Configured like the service's, so manifests read the same either way. */
        @Bean
        ObjectMapper objectMapper() {
            return Jackson2ObjectMapperBuilder.json().build();
        }

        @Bean
        ReportEngine reportEngine() {
            return new ReportEngine();
        }
    }
}
