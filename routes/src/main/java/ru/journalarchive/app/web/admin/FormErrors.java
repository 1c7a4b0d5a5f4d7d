package ru.journalarchive.app.web.admin;

import jakarta.validation.ConstraintViolation;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.validation.BindingResult;

/** A form's broken rules as the pages show them: per field, its messages in one sentence-run next to the field. */
public final class FormErrors {

    private FormErrors() {}

    public static Map<String, String> of(BindingResult result) {
        var messages = new LinkedHashMap<String, TreeSet<String>>();
        result.getFieldErrors().forEach(e -> messages.computeIfAbsent(e.getField(), f -> new TreeSet<>())
                // A value of the wrong type (an unknown role) carries Spring's English conversion text.
                .add(e.isBindingFailure() ? "Значение не подходит: выберите из списка" : e.getDefaultMessage()));
        var errors = new LinkedHashMap<String, String>();
        messages.forEach((field, texts) -> errors.put(field, String.join(". ", texts)));
        return errors;
    }

    /** The messages of one property's broken rules, or null when it keeps them all. */
    public static String of(Set<? extends ConstraintViolation<?>> violations) {
        if (violations.isEmpty()) return null;
        return String.join(". ", violations.stream().map(ConstraintViolation::getMessage).collect(Collectors.toCollection(TreeSet::new)));
    }
}
