package ru.journalarchive.app.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and security schemes of /api/v1/openapi.json. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI journalArchiveApi() {
        return new OpenAPI()
                .info(new Info().title("Журнал-Архив API").version("v1")
                        .description("Приём данных электронных журналов школ, архивирование журналов и сводных ведомостей. "
                                + "Ошибки — application/problem+json со списком errors[] (path, message)."))
                .components(new Components()
                        .addSecuritySchemes("schoolToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Токен журнальной системы школы"))
                        .addSecuritySchemes("personalToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Личный токен пользователя (jau_…): те же права, что у входа по паролю"))
                        .addSecuritySchemes("login", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Вход пользователя: директор (своя школа), архивист, проверяющий, администратор")));
    }

    /** Wherever a person's login is accepted, so is their personal token. */
    @Bean
    OpenApiCustomizer personalTokenWhereverLogin() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(s -> s.containsKey("login")))
                operation.addSecurityItem(new SecurityRequirement().addList("personalToken"));
        }));
    }
}
