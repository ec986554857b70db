package io.ordersaga.messaging.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.messaging.context.MessageContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = ProblemDetailsAdviceTest.SampleController.class)
@Import(ProblemDetailsAdviceTest.SampleController.class)
class ProblemDetailsAdviceTest {

    @Autowired MockMvc mvc;

    @Test
    void namesTheInvalidFieldsOfARequestBody() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"count\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[1].field").value("name"))
                .andExpect(jsonPath("$.detail").value(containsString("count")));
    }

    @Test
    void namesTheFieldOfAMalformedValue() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\",\"count\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void answersUnparseableJsonWithAProblem() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void mapsNotFoundAndConflict() throws Exception {
        mvc.perform(get("/things/missing")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no thing missing"));
        mvc.perform(get("/things/taken")).andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void namesAPathVariableOfTheWrongType() throws Exception {
        mvc.perform(get("/things/number/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("number"));
    }

    @Test
    void neverShowsAStackTrace() throws Exception {
        mvc.perform(get("/things/boom")).andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("secret detail"))))
                .andExpect(content().string(not(containsString("at io.ordersaga"))));
    }

    @Test
    void echoesOrCreatesTheCorrelationId() throws Exception {
        mvc.perform(get("/things/correlation").header(CorrelationFilter.CORRELATION_HEADER, "abc-123"))
                .andExpect(header().string(CorrelationFilter.CORRELATION_HEADER, "abc-123"))
                .andExpect(content().string("abc-123"));
        mvc.perform(get("/things/correlation").header(CorrelationFilter.CORRELATION_HEADER, "<script>"))
                .andExpect(header().string(CorrelationFilter.CORRELATION_HEADER, not("<script>")));
    }

    record Thing(@NotBlank String name, @Min(1) int count) {
    }

    @SpringBootApplication
    static class SampleApplication {
    }

    @RestController
    static class SampleController {
        @PostMapping("/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/things/number/{number}")
        int number(@PathVariable int number) {
            return number;
        }

        @GetMapping("/things/{id}")
        String read(@PathVariable String id) {
            switch (id) {
                case "missing" -> throw new NotFoundException("no thing missing");
                case "taken" -> throw new ConflictException("thing taken exists");
                case "boom" -> throw new IllegalStateException("secret detail");
                case "correlation" -> {
                    return MessageContext.current().orElseThrow().correlationId();
                }
                default -> {
                    return id;
                }
            }
        }
    }
}
