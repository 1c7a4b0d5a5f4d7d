package ru.journalarchive.app;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import ru.journalarchive.app.cli.Cli;

/**
 * Журнал-Архив. Without arguments or with {@code serve} it runs the service; other first
 * arguments are commands (see {@link Cli}).
 */
@SpringBootApplication
public class JournalArchiveApplication {

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            SpringApplication.run(JournalArchiveApplication.class,
                    args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
        } else {
            System.exit(Cli.run(args));
        }
    }
}
