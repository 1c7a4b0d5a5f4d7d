package ru.journalarchive.app.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/** Title, security schemes and examples of /api/v1/openapi.json, which Swagger UI shows at /api/v1/docs. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI journalArchiveApi() {
        return new OpenAPI()
                .info(new Info().title("Журнал-Архив API").version("v1")
                        .description("Приём данных электронных журналов школ, архивирование журналов и сводных ведомостей. "
                                + "Ошибки — application/problem+json со списком errors[] (path, message)."))
                // The order of Swagger UI: what a journal system's vendor needs first.
                .tags(java.util.stream.Stream.of("Приём данных", "Подпись директора", "Архивирование", "Архив",
                        "Проверка подписи", "Уничтожение", "Администрирование", "Тестовые службы")
                        .map(name -> new io.swagger.v3.oas.models.tags.Tag().name(name)).toList())
                .components(new Components()
                        .addSecuritySchemes("schoolToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Токен журнальной системы школы"))
                        .addSecuritySchemes("personalToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Личный токен пользователя (jau_…): те же права, что у входа по паролю"))
                        .addSecuritySchemes("login", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Вход пользователя: директор (своя школа), архивист, проверяющий, администратор")));
    }

    /**
     * The push API's second example, a school's first load with one record of every section; kept as a
     * file so a test can push it and prove it is accepted.
     */
    @Bean
    OpenApiCustomizer everySectionExample() throws IOException {
        String json;
        try (var in = new ClassPathResource(EVERY_SECTION).getInputStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var example = new Example().summary("первая загрузка: по записи каждого раздела").value(new ObjectMapper().readTree(json));
        return api -> api.getPaths().entrySet().stream().filter(e -> e.getKey().endsWith("/batches"))
                .map(e -> e.getValue().getPost()).filter(java.util.Objects::nonNull)
                .forEach(post -> post.getRequestBody().getContent().get(MediaType.APPLICATION_JSON_VALUE)
                        .addExamples("все разделы", example));
    }

    /** Every error answer (4xx) of every operation is a problem with its list of errors, as the API sends it. */
    @Bean
    OpenApiCustomizer problemAnswers() {
        var problem = new ObjectSchema().description("Ошибка: что не так и где (errors[] — каждая ошибка с путём)")
                .addProperty("title", new StringSchema()).addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("path", new StringSchema().example("marks[0].value"))
                        .addProperty("message", new StringSchema().example("Отметка «7» не входит в шкалу школы"))));
        return api -> {
            api.getComponents().addSchemas("Problem", problem);
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().forEach((status, response) -> {
                        // springdoc gives an annotated answer without content the operation's own media type
                        if (status.startsWith("4") && (response.getContent() == null
                                || !response.getContent().containsKey("application/problem+json")))
                            response.setContent(new Content().addMediaType("application/problem+json",
                                    new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
                    })));
        };
    }

    public static final String EVERY_SECTION = "openapi/batch-every-section.json";

    /** Wherever a person's login is accepted, so is their personal token. */
    @Bean
    OpenApiCustomizer personalTokenWhereverLogin() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(s -> s.containsKey("login")))
                operation.addSecurityItem(new SecurityRequirement().addList("personalToken"));
        }));
    }
}
