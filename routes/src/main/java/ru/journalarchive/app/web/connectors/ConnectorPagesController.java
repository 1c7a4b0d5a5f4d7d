package ru.journalarchive.app.web.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.ConnectorsController;
import ru.journalarchive.app.connectors.ConnectorsController.SourceDefinition;
import ru.journalarchive.app.connectors.SourceKind;
import ru.journalarchive.app.web.admin.FormErrors;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * The administrator's connector sources: the list with each one's state, a form that defines a source, and a
 * source's page (sync now, Дневник.ру authorization, enable or disable, the sync reports). The API's records,
 * rules and operations (ConnectorsController) do the work, so the page and the API refuse the same input.
 */
@Controller
@RequestMapping("/admin/connectors")
public class ConnectorPagesController {

    /** The form's fields; options is the optional JSON of classes, mappings and settings, as in the API. */
    public record SourceForm(String code, String school, SourceKind kind, String baseUrl, String remoteSchoolId, String credentials,
                             String options) {}

    /** What the options textarea may hold: the API definition's maps and settings. */
    record Options(Map<String, String> classes, ConnectorSource.Mappings mappings, ConnectorSource.Settings settings) {}

    private final ConnectorsController api;
    private final ConnectorSources sources;
    private final SchoolRegistry schools;
    private final SourceViews views;
    private final Validator validator;
    private final ObjectMapper json;

    public ConnectorPagesController(ConnectorsController api, ConnectorSources sources, SchoolRegistry schools, SourceViews views,
                                    Validator validator, ObjectMapper json) {
        this.api = api;
        this.sources = sources;
        this.schools = schools;
        this.views = views;
        this.validator = validator;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @GetMapping
    public String list(Model model) {
        model.addAttribute("sources", sources.all().stream().map(views::row).toList());
        model.addAttribute("schools", schools.all());
        model.addAttribute("kinds", SourceKind.values());
        return "connectors/list";
    }

    @PostMapping
    public String define(@ModelAttribute("form") SourceForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        var errors = FormErrors.of(result);
        String code = strip(form.code());
        // The form defines new sources only, so that a taken code is not overwritten by mistake.
        if (!ConnectorsController.validCode(code)) errors.putIfAbsent("code", ConnectorsController.CODE_RULE);
        else if (sources.find(code).isPresent())
            errors.put("code", "Источник с кодом «" + code + "» уже есть");
        Options options = options(form.options(), errors);
        var definition = new SourceDefinition(strip(form.school()), form.kind(), strip(form.baseUrl()), strip(form.remoteSchoolId()),
                options.classes(), strip(form.credentials()), options.mappings(), options.settings(), true);
        validator.validate(definition).stream().collect(Collectors.groupingBy(v -> v.getPropertyPath().toString(), LinkedHashMap::new,
                Collectors.<ConstraintViolation<SourceDefinition>>toSet()))
                .forEach((field, violations) -> errors.putIfAbsent(field, FormErrors.of((Set<ConstraintViolation<SourceDefinition>>) violations)));
        if (errors.isEmpty()) {
            try {
                ConnectorSource saved = api.define(code, definition);
                redirect.addFlashAttribute("message", "Источник «" + saved.code() + "» добавлен."
                        + (saved.kind() == SourceKind.DNEVNIK_RU ? " Авторизуйте его кодом из диалога Дневник.ру." : ""));
                return "redirect:" + page(saved.code());
            } catch (RejectedRequest e) {
                errors.put(e.path(), e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        return list(model);
    }

    @GetMapping("/{code}")
    public String source(@PathVariable String code, Model model) {
        model.addAttribute("source", views.row(find(code)));
        model.addAttribute("reports", views.reports(code));
        return "connectors/source";
    }

    @PostMapping("/{code}/syncs")
    public String sync(@PathVariable String code, @RequestParam(defaultValue = "false") boolean full, Authentication auth, Model model,
                       RedirectAttributes redirect) {
        find(code);
        try {
            var report = api.startSync(code, new ConnectorsController.SyncAsk(full, null, null), "PAGE", auth.getName());
            redirect.addFlashAttribute("message", "Синхронизация № " + report.id() + " запущена" + (full ? " с начала учебного года." : "."));
            return "redirect:" + page(code) + "#sync-" + report.id();
        } catch (RejectedRequest e) {
            model.addAttribute("errors", Map.of("sync", e.getMessage()));
            return source(code, model);
        }
    }

    @PostMapping("/{code}/authorization")
    public String authorize(@PathVariable String code, @RequestParam(required = false) String authCode, Model model,
                            RedirectAttributes redirect) {
        if (find(code).kind() != SourceKind.DNEVNIK_RU) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        String problem = authCode == null || authCode.isBlank() ? "Вставьте код из адреса, на который Дневник.ру перенаправил после согласия" : null;
        if (problem == null) {
            try {
                api.authorize(code, new ConnectorsController.Authorization(authCode.strip(), null));
                redirect.addFlashAttribute("message", "Источник авторизован: токены сохранены зашифрованными.");
                return "redirect:" + page(code);
            } catch (RejectedRequest e) {
                problem = e.getMessage();
            }
        }
        model.addAttribute("errors", Map.of("authCode", problem));
        return source(code, model);
    }

    @PostMapping("/{code}/enabled")
    public String enable(@PathVariable String code, @RequestParam boolean enabled, RedirectAttributes redirect) {
        ConnectorSource s = find(code);
        sources.save(new ConnectorSource(s.code(), s.school(), s.kind(), s.baseUrl(), s.remoteSchoolId(), s.classes(), s.credentials(),
                s.mappings(), s.settings(), enabled, s.lastSuccessTo(), s.consecutiveFailures(), s.authorized()));
        redirect.addFlashAttribute("message", enabled ? "Источник включён: он синхронизируется каждую ночь."
                : "Источник выключен: ночная синхронизация его пропускает.");
        return "redirect:" + page(code);
    }

    private Options options(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) return new Options(null, null, null);
        try {
            Options o = json.readValue(text, Options.class);
            return o == null ? new Options(null, null, null) : o;
        } catch (JsonProcessingException e) {
            errors.put("options", "Не удалось прочитать JSON" + (e.getLocation() == null ? "" : " (строка " + e.getLocation().getLineNr() + ")")
                    + ": ожидается объект с полями classes, mappings и settings");
            return new Options(null, null, null);
        }
    }

    private ConnectorSource find(String code) {
        return sources.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** An empty field is a missing value (one message: "Укажите …"), as an absent one in the API. */
    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The source's page: its code passed the code rule when it was defined, so it is safe in a path. */
    private static String page(String code) {
        return "/admin/connectors/" + code;
    }
}
