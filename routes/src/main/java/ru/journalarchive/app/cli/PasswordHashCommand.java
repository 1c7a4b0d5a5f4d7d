package ru.journalarchive.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;

@Command(name = "password-hash", description = "Reads a password (at least 12 characters) from the first line of stdin and "
        + "prints the value for JA_ADMIN_PASSWORD_HASH: password-hash < password.txt")
final class PasswordHashCommand extends CliCommand {

    @Override
    public Integer call() throws IOException {
        return hash(System.in, out());
    }

    static int hash(InputStream in, PrintStream out) throws IOException {
        String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.length() < 12)
            throw new Cli.UsageException("password-hash reads a password of at least 12 characters from standard input");
        out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
        return 0;
    }
}
