/* Baseline (c): runs libyaml's parser over every event of every file and does nothing else: the
 * floor for any tool built on libyaml. Reads the file list from argv[1] (one path a line).
 * Build: cc -O2 -o libyaml_events libyaml_events.c $(pkg-config --cflags --libs yaml-0.1) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *buffer = malloc(length > 0 ? (size_t)length : 1);
    *size = fread(buffer, 1, (size_t)length, file);
    fclose(file);
    return buffer;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE-LIST\n", argv[0]);
        return 64;
    }
    FILE *list = fopen(argv[1], "r");
    if (!list) return 66;
    char path[4096];
    unsigned long files = 0, events = 0;
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = 0;
        if (!path[0]) continue;
        size_t size = 0;
        unsigned char *input = read_file(path, &size);
        if (!input) return 66;
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, input, size);
        int done = 0;
        while (!done) {
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "error");
                return 65;
            }
            done = event.type == YAML_STREAM_END_EVENT;
            events++;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        free(input);
        files++;
    }
    fclose(list);
    printf("libyaml: %lu files, %lu events\n", files, events);
    return 0;
}
