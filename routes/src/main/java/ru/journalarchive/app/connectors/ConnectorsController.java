package ru.journalarchive.app.connectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.ResourceNotFound;
import ru.journalarchive.journal.school.SchoolRegistry;

/** The administrator's connectors: sources of the schools, their authorization, syncs on demand and the sync reports. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Коннекторы")
@RestController
@RequestMapping("/api/v1/admin/connectors")
@SecurityRequirement(name = "login")
public class ConnectorsController {

    /** A source as the administrator defines it; credentials name where the partner client's secret is, never the secret. */
    public record SourceDefinition(
            @NotBlank(message = "Укажите школу") @Size(max = 100) String school,
            @NotNull(message = "Укажите систему: Дневник.ру или «Сетевой город»") SourceKind kind,
            @NotBlank(message = "Укажите адрес API") @Pattern(regexp = "https?://.+", message = "Адрес API: http(s)://…") String baseUrl,
            @NotBlank(message = "Укажите идентификатор школы в системе") @Size(max = 100, message = "Не длиннее 100 символов")
            String remoteSchoolId,
            Map<String, String> classes,
            @NotBlank(message = "Укажите, где взять учётные данные: env:ПРЕФИКС или file:/путь") String credentials,
            ConnectorSource.Mappings mappings,
            ConnectorSource.Settings settings,
            Boolean enabled) {}

    /** Either the code from the OAuth2 dialog's redirect, or a refresh token obtained otherwise. */
    public record Authorization(String code, String refreshToken) {}

    public record SyncAsk(Boolean full, LocalDate from, LocalDate to) {}

    public record SourceView(String code, String school, SourceKind kind, String baseUrl, String remoteSchoolId, Map<String, String> classes,
                             String credentials, ConnectorSource.Mappings mappings, ConnectorSource.Settings settings, boolean enabled,
                             boolean authorized, LocalDate lastSuccessTo, int consecutiveFailures, boolean failing, SyncReport lastSync) {}

    /** A source's code is in addresses: the rule and its message, for the API and the page alike. */
    public static final String CODE_RULE = "Код источника: латинские строчные буквы, цифры и дефис, до 60 символов";

    public static boolean validCode(String code) {
        return code != null && code.matches("[a-z0-9][a-z0-9-]{0,59}");
    }

    private final ConnectorSources sources;
    private final SyncReports reports;
    private final ConnectorSync sync;
    private final SchoolRegistry schools;
    private final ExecutorService executor;

    public ConnectorsController(ConnectorSources sources, SyncReports reports, ConnectorSync sync, SchoolRegistry schools,
                                ExecutorService connectorSyncExecutor) {
        this.sources = sources;
        this.reports = reports;
        this.sync = sync;
        this.schools = schools;
        this.executor = connectorSyncExecutor;
    }

    @Operation(summary = "Источники данных (коннекторы) всех школ")
    @GetMapping
    public List<SourceView> all() {
        return sources.all().stream().map(this::view).toList();
    }

    @Operation(summary = "Источник данных")
    @GetMapping("/{code}")
    public SourceView one(@PathVariable String code) {
        return view(source(code));
    }

    @Operation(summary = "Добавить или изменить источник данных школы",
            description = "Учётные данные партнёрского приложения не передаются: credentials указывает, где их взять — "
                    + "env:ПРЕФИКС (переменные ПРЕФИКС_CLIENT_ID и ПРЕФИКС_CLIENT_SECRET) или file:/путь к файлу со свойствами "
                    + "client_id и client_secret; для «Сетевого города» (NET_CITY) — логин и пароль сотрудника школы: "
                    + "ПРЕФИКС_LOGIN и ПРЕФИКС_PASSWORD или свойства login и password, remoteSchoolId — scid школы. classes: идентификатор класса в источнике → идентификатор класса в архиве "
                    + "(пусто — все классы школы).")
    @PutMapping("/{code}")
    public ResponseEntity<SourceView> save(@PathVariable String code, @Valid @RequestBody SourceDefinition d) {
        boolean existed = sources.find(code).isPresent();
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(view(define(code, d)));
    }

    /**
     * Checks what the bean rules cannot (the code, a registered school, a credentials reference, never a secret)
     * and saves the source; the administrator's page defines sources through this as well.
     */
    public ConnectorSource define(String code, SourceDefinition d) {
        if (!validCode(code)) throw new RejectedRequest("code", CODE_RULE);
        if (schools.find(d.school()).isEmpty()) throw new RejectedRequest("school", "Школа «" + d.school() + "» не зарегистрирована");
        if (!SourceCredentials.wellFormed(d.credentials()))
            throw new RejectedRequest("credentials", "Ожидается env:ПРЕФИКС (латинские заглавные буквы, цифры, _) или file:/путь");
        return sources.save(new ConnectorSource(code, d.school(), d.kind(), d.baseUrl(), d.remoteSchoolId(),
                d.classes() == null ? Map.of() : d.classes(), d.credentials(), d.mappings() == null ? ConnectorSource.Mappings.none() : d.mappings(),
                d.settings() == null ? ConnectorSource.Settings.none() : d.settings(), d.enabled() == null || d.enabled(), null, 0, false));
    }

    @Operation(summary = "Удалить источник данных (его отчёты тоже; принятые данные остаются)")
    @DeleteMapping("/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code) {
        return sources.delete(code) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @Operation(summary = "Авторизовать источник",
            description = "code — код из перенаправления диалога OAuth2 после согласия администратора школы: сервис обменяет его "
                    + "на токены; или refreshToken, полученный иначе. Токены хранятся зашифрованными ключом JA_CONNECTORS_KEY.")
    @PostMapping("/{code}/authorization")
    public ResponseEntity<Void> authorize(@PathVariable String code, @RequestBody Authorization a) {
        ConnectorSource source = source(code);
        boolean hasCode = a.code() != null && !a.code().isBlank();
        boolean hasToken = a.refreshToken() != null && !a.refreshToken().isBlank();
        if (hasCode == hasToken) throw new RejectedRequest("code", "Укажите либо code, либо refreshToken");
        try {
            if (hasToken) sources.storeRefreshToken(code, a.refreshToken().trim());
            else sync.connector(source.kind()).authorize(source, sync.http(source), a.code().trim());
        } catch (SourceException e) {
            throw new RejectedRequest(hasCode ? "code" : "refreshToken", e.getMessage());
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Запустить синхронизацию сейчас",
            description = "Отвечает сразу (202) отчётом в состоянии RUNNING; ход и итог — GET …/syncs/{id}. full: от начала "
                    + "(settings.since или 1 сентября текущего учебного года), иначе от последней успешной синхронизации с "
                    + "перекрытием; from/to задают окно явно.")
    @PostMapping("/{code}/syncs")
    public ResponseEntity<SyncReport> start(@PathVariable String code, @RequestBody(required = false) SyncAsk ask, Authentication auth) {
        SyncReport report = startSync(code, ask, "API", auth.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/connectors/" + code + "/syncs/" + report.id())).body(report);
    }

    /** Starts a sync in the background and answers its report, RUNNING; the administrator's page starts syncs through this too. */
    public SyncReport startSync(String code, SyncAsk ask, String trigger, String actor) {
        ConnectorSource source = source(code);
        var a = ask == null ? new SyncAsk(false, null, null) : ask;
        if (a.from() != null && a.to() != null && a.from().isAfter(a.to())) throw new RejectedRequest("from", "Начало окна позже его конца");
        long id;
        try {
            id = sync.start(source, new ConnectorSync.Request(trigger, actor, Boolean.TRUE.equals(a.full()), a.from(), a.to()));
        } catch (ConnectorSync.AlreadyRunning e) {
            throw new RejectedRequest("code", "Синхронизация источника «" + code + "» уже идёт");
        }
        executor.submit(() -> sync.run(id));
        return reports.find(id).orElseThrow();
    }

    @Operation(summary = "Отчёты о синхронизациях источника, последние первыми")
    @GetMapping("/{code}/syncs")
    public List<SyncReport> syncs(@PathVariable String code, @RequestParam(defaultValue = "20") int limit) {
        source(code);
        return reports.ofSource(code, Math.max(1, Math.min(200, limit)));
    }

    @Operation(summary = "Отчёт о синхронизации: по каждому классу получено, применено, удалено, отклонено с причинами")
    @GetMapping("/{code}/syncs/{id}")
    public SyncReport report(@PathVariable String code, @PathVariable long id) {
        return reports.find(id).filter(r -> r.source().equals(code))
                .orElseThrow(() -> new ResourceNotFound("id", "Отчёта о синхронизации " + id + " у источника «" + code + "» нет"));
    }

    private ConnectorSource source(String code) {
        return sources.find(code).orElseThrow(() -> new ResourceNotFound("code", "Источник данных «" + code + "» не найден"));
    }

    private SourceView view(ConnectorSource s) {
        return new SourceView(s.code(), s.school(), s.kind(), s.baseUrl(), s.remoteSchoolId(), s.classes(), s.credentials(), s.mappings(),
                s.settings(), s.enabled(), s.authorized(), s.lastSuccessTo(), s.consecutiveFailures(), sync.isFailing(s),
                reports.last(s.code()).orElse(null));
    }
}
