package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.PackageWriter;

/**
 * The administrator's pages in a real Chromium: schools and their tokens (issued once, used by a push,
 * revoked), users (created, password reset, disabled), the service's health and the fixity audit. Every
 * refused form leaves the database as it was.
 */
class AdminPagesTest extends ServiceTestBase {

    static final String SCHOOL = "adm-" + RUN;
    static final String BATCH = """
            {"batchId": "admin-page-%s", "subjects": [{"id": "math", "name": "Математика"}]}""";

    @Autowired
    PackageWriter writer;

    @Test
    void anAdministratorRegistersAndRenamesASchoolIssuesATokenThatPushesAndRevokesIt() throws Exception {
        try (var browser = new Browser(port)) {
            browser.signIn("admin", ADMIN_PASSWORD).open("/admin/schools");
            browser.accessible();
            int schools = count("SELECT count(*) FROM school");

            register(browser, "Школа 1", "Тестовая школа");
            assertThat(browser.text("#code-error")).isEqualTo("Код школы: латинские строчные буквы, цифры и дефис (не первым), до 40 символов");
            assertThat(browser.find("#code").getAttribute("aria-invalid")).isEqualTo("true");
            browser.accessible();
            register(browser, SCHOOL, "  ");
            assertThat(browser.text("#name-error")).isEqualTo("Укажите название школы");
            assertThat(browser.all("#code-error")).isEmpty();
            assertThat(count("SELECT count(*) FROM school")).as("a refused form writes nothing").isEqualTo(schools);

            register(browser, SCHOOL, "МБОУ «Тестовая школа»");
            assertThat(browser.path()).isEqualTo("/admin/schools/" + SCHOOL);
            assertThat(browser.text("#message")).contains("зарегистрирована");
            assertThat(name(SCHOOL)).isEqualTo("МБОУ «Тестовая школа»");
            browser.accessible();

            browser.open("/admin/schools");
            register(browser, SCHOOL, "Другая");
            assertThat(browser.text("#code-error")).contains("уже зарегистрирована");
            assertThat(name(SCHOOL)).as("registering a taken code renames nothing").isEqualTo("МБОУ «Тестовая школа»");

            browser.open("/admin/schools/" + SCHOOL);
            rename(browser, "");
            assertThat(browser.text("#name-error")).isEqualTo("Укажите название школы");
            assertThat(name(SCHOOL)).isEqualTo("МБОУ «Тестовая школа»");
            rename(browser, "МБОУ «Гимназия № 5»");
            assertThat(browser.text("h1")).isEqualTo("МБОУ «Гимназия № 5»");
            assertThat(name(SCHOOL)).isEqualTo("МБОУ «Гимназия № 5»");
            browser.open("/admin/schools");
            assertThat(browser.text("#schools tr[data-code='" + SCHOOL + "']")).contains("МБОУ «Гимназия № 5»");
            browser.accessible().screenshot("admin-schools");

            // A token: an empty label is refused, a labelled one shown once with its copy button.
            browser.open("/admin/schools/" + SCHOOL);
            assertThat(browser.text("#no-tokens")).isEqualTo("Токенов пока нет.");
            issue(browser, " ");
            assertThat(browser.text("#label-error")).isEqualTo("Укажите название токена: какая система и где им пользуется");
            assertThat(tokens(SCHOOL)).isZero();
            issue(browser, "Сетевой город, сервер школы");
            assertThat(tokens(SCHOOL)).isEqualTo(1);
            String token = browser.find("#token").getAttribute("value");
            assertThat(token).startsWith("ja_").hasSizeGreaterThan(40);
            assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
            browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions",
                    List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            browser.find("#copy-token").click();
            String copied = browser.await(java.time.Duration.ofSeconds(5), d -> browser.text("#copy-status").isEmpty() ? null
                    : browser.text("#copy-status"));
            assertThat(copied).isEqualTo("Токен скопирован в буфер обмена.");
            assertThat(browser.driver.executeAsyncScript("navigator.clipboard.readText().then(arguments[0])")).isEqualTo(token);
            browser.accessible().screenshot("admin-token-issued");

            browser.open("/admin/schools/" + SCHOOL);
            assertThat(browser.driver.getPageSource()).as("the list never shows a token").doesNotContain(token);
            assertThat(browser.text("#tokens .last-used")).isEqualTo("не использовался");

            var pushed = push(SCHOOL, token, BATCH.formatted(1).getBytes(StandardCharsets.UTF_8));
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            browser.open("/admin/schools/" + SCHOOL);
            assertThat(browser.text("#tokens .last-used")).matches("\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d");
            assertThat(browser.text("#tokens tbody tr")).contains("Сетевой город, сервер школы", "действует");
            browser.accessible().screenshot("admin-school");

            submit(browser, "#tokens button.revoke");
            assertThat(browser.text("#message")).contains("отозван");
            assertThat(browser.text("#tokens tbody tr")).contains("отозван").doesNotContain("действует");
            assertThat(browser.all("#tokens button.revoke")).isEmpty();
            browser.accessible();
            assertThat(push(SCHOOL, token, BATCH.formatted(2).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);

            browser.open("/admin/schools/no-such-school");
            assertThat(browser.text("h1")).isEqualTo("Страница не найдена");
        }
    }

    @Test
    void anAdministratorCreatesAUserResetsTheirPasswordAndDisablesThem() throws Exception {
        String login = "adm-user-" + RUN;
        try (var browser = new Browser(port)) {
            browser.signIn("admin", ADMIN_PASSWORD).open("/admin/users");
            browser.accessible();
            int people = count("SELECT count(*) FROM app_user");

            create(browser, "не логин", "Сидорова Анна Петровна", "ARCHIVIST", "", "short");
            assertThat(browser.text("#username-error")).isEqualTo("Логин: латинские буквы, цифры и . _ @ -, до 100 символов");
            assertThat(browser.text("#password-error")).isEqualTo("Пароль — не короче 12 и не длиннее 200 символов");
            assertThat(browser.find("#fullName").getAttribute("value")).as("the form keeps what was typed").isEqualTo("Сидорова Анна Петровна");
            browser.accessible();
            create(browser, login, "Сидорова Анна Петровна", "", "", "first-password-1");
            assertThat(browser.text("#role-error")).isEqualTo("Выберите роль");
            create(browser, login, "Сидорова Анна Петровна", "DIRECTOR", "", "first-password-1");
            assertThat(browser.text("#school-error")).isEqualTo("Выберите школу директора");
            create(browser, login, " ", "ARCHIVIST", "", "first-password-1");
            assertThat(browser.text("#fullName-error")).isEqualTo("Укажите фамилию, имя и отчество");
            assertThat(count("SELECT count(*) FROM app_user")).as("a refused form writes nothing").isEqualTo(people);

            create(browser, login, "Сидорова Анна Петровна", "ARCHIVIST", "", "first-password-1");
            assertThat(browser.text("#message")).isEqualTo("Пользователь «" + login + "» создан.");
            assertThat(jdbc.queryForMap("SELECT role, full_name, enabled FROM app_user WHERE username = ?", login))
                    .containsEntry("role", "ARCHIVIST").containsEntry("full_name", "Сидорова Анна Петровна").containsEntry("enabled", true);
            String row = "#users tr[data-username='" + login + "']";
            assertThat(browser.text(row)).contains("Архивист", "вход разрешён");
            create(browser, login, "Другой человек", "INSPECTOR", "", "other-password-1");
            assertThat(browser.text("#username-error")).contains("уже занят");

            String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, login);
            reset(browser, row, "short");
            assertThat(browser.text("#password-" + login + "-error")).isEqualTo("Пароль — не короче 12 и не длиннее 200 символов");
            assertThat(jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, login)).isEqualTo(hash);
            browser.accessible();
            reset(browser, row, "second-password-2");
            assertThat(browser.text("#message")).isEqualTo("Пароль пользователя «" + login + "» изменён.");
            browser.accessible().screenshot("admin-users");

            browser.signOut();
            browser.signIn(login, "first-password-1");
            assertThat(browser.path()).as("the old password no longer signs in").isEqualTo("/login");
            browser.signIn(login, "second-password-2");
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.text("h1")).isEqualTo("Здравствуйте, Сидорова Анна Петровна");
            browser.open("/admin/users");
            assertThat(browser.text("h1")).as("an archivist is no administrator").isEqualTo("Доступ запрещён");
            String archivistSession = browser.sessionCookie();
            browser.driver.manage().deleteAllCookies();

            browser.signIn("admin", ADMIN_PASSWORD).open("/admin/users");
            submit(browser, row + " form.disable button");
            assertThat(browser.text("#message")).contains("заблокирован");
            assertThat(browser.text(row)).contains("заблокирован");
            assertThat(jdbc.queryForObject("SELECT enabled FROM app_user WHERE username = ?", Boolean.class, login)).isFalse();
            browser.accessible();
            browser.signOut();

            // The session the archivist had open ended with the disabling: the next request goes to the sign-in page.
            var stale = http.send(java.net.http.HttpRequest.newBuilder(uri("/")).header("Cookie", archivistSession).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(stale.statusCode()).isEqualTo(302);
            assertThat(stale.headers().firstValue("Location").orElse("")).contains("/login");
            browser.signIn(login, "second-password-2");
            assertThat(browser.path()).as("a disabled login is refused").isEqualTo("/login");
            assertThat(browser.text("[role=alert]")).isEqualTo("Неверное имя пользователя или пароль.");
        }
    }

    @Test
    void theHealthPageShowsDatabaseArchiveLockAndTsaAndRunsTheFixityAudit() throws Exception {
        var stored = writer.store(journal("admin-fixity-" + RUN));
        try (var browser = new Browser(port)) {
            browser.signIn("admin", ADMIN_PASSWORD).open("/admin/health");
            assertThat(browser.text("#overall")).isEqualTo("работает");
            assertThat(browser.text("#health-db")).contains("База данных (PostgreSQL): работает", "СУБД: PostgreSQL");
            assertThat(browser.text("#health-archive")).contains("работает", "блокировка объектов (object lock) у архива включена");
            assertThat(browser.text("#health-tsa")).contains("Служба штампов времени (TSA): работает", "Штамп времени получен");
            browser.accessible();

            int runs = count("SELECT count(*) FROM fixity_run");
            runFixity(browser, "-3");
            assertThat(browser.text("#sample-error")).startsWith("Размер выборки — целое число не меньше 0");
            runFixity(browser, "много");
            assertThat(browser.text("#sample-error")).startsWith("Размер выборки — целое число не меньше 0");
            assertThat(count("SELECT count(*) FROM fixity_run")).as("a refused form starts no audit").isEqualTo(runs);
            browser.accessible();

            runFixity(browser, "");
            assertThat(browser.text("#message")).startsWith("Проверка целостности № ").contains("расхождений — 0");
            assertThat(Integer.parseInt(browser.text("#audit-checked"))).isGreaterThanOrEqualTo(3);
            assertThat(browser.text("#audit-failures")).isEqualTo("0");
            assertThat(browser.all("#findings")).isEmpty();

            // The catalogue's hash of one file changed: the next audit finds the stored file differs from it.
            String pdf = stored.objects().get("document.pdf").sha256();
            jdbc.update("UPDATE archived_document SET objects = jsonb_set(objects, '{document.pdf,sha256}', to_jsonb(?::text)) "
                    + "WHERE document_id = ?", "0".repeat(64), stored.documentId());
            try {
                runFixity(browser, "");
                assertThat(browser.text("#message")).doesNotContain("расхождений — 0");
                assertThat(browser.text("#audit-failures")).isNotEqualTo("0");
                WebElement findings = browser.find("#findings");
                assertThat(findings.getText()).contains(stored.documentId(), "document.pdf", "Хеш не совпадает с каталогом", pdf);
                browser.accessible().screenshot("admin-health");
            } finally {
                jdbc.update("UPDATE archived_document SET objects = jsonb_set(objects, '{document.pdf,sha256}', to_jsonb(?::text)) "
                        + "WHERE document_id = ?", pdf, stored.documentId());
            }
        }
    }

    private void register(Browser browser, String code, String name) {
        browser.find("#code").clear();
        browser.find("#code").sendKeys(code);
        browser.find("#name").clear();
        browser.find("#name").sendKeys(name);
        submit(browser, "#register button");
    }

    private void rename(Browser browser, String name) {
        browser.find("#rename #name").clear();
        browser.find("#rename #name").sendKeys(name);
        submit(browser, "#rename button");
    }

    private void issue(Browser browser, String label) {
        browser.find("#label").clear();
        browser.find("#label").sendKeys(label);
        submit(browser, "#issue button");
    }

    private void create(Browser browser, String username, String fullName, String role, String school, String password) {
        for (var field : Map.of("username", username, "fullName", fullName, "password", password).entrySet()) {
            browser.find("#create #" + field.getKey()).clear();
            browser.find("#create #" + field.getKey()).sendKeys(field.getValue());
        }
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue(role);
        new org.openqa.selenium.support.ui.Select(browser.find("#school")).selectByValue(school);
        submit(browser, "#create button");
    }

    private void reset(Browser browser, String row, String password) {
        browser.find(row + " form.reset input[type=password]").sendKeys(password);
        submit(browser, row + " form.reset button");
    }

    private void runFixity(Browser browser, String sample) {
        browser.find("#sample").clear();
        browser.find("#sample").sendKeys(sample);
        submit(browser, "#run-fixity button");
    }

    /** Submits a form and waits for the answer to replace the page (its elements are the old page's until then). */
    private void submit(Browser browser, String button) {
        browser.clickAndAwaitNextPage(button, java.time.Duration.ofMinutes(2));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private String name(String school) {
        return jdbc.queryForObject("SELECT name FROM school WHERE code = ?", String.class, school);
    }

    private int tokens(String school) {
        return count("SELECT count(*) FROM api_token WHERE school_id = (SELECT id FROM school WHERE code = '" + school + "')");
    }

    private ArchivePackage journal(String id) {
        return new ArchivePackage(id, List.of("admin-" + RUN, "2025", "q1", "c-2025-5a", "journal"),
                Map.of("kind", "journal", "school", "demo", "school_year", "2025", "class_id", "c-2025-5a",
                        "title", "Журнал 5А, математика, I четверть"),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", ("%PDF " + id).getBytes(StandardCharsets.UTF_8)),
                        new ArchivePackage.PackageFile("data.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8))),
                "journal", LocalDate.of(2025, 10, 31));
    }
}
