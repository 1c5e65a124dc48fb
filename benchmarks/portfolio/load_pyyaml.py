#!/usr/bin/env python3
"""Baseline (b): only loads every YAML file of the workspaces with PyYAML's libyaml-backed
CSafeLoader, as a user scripting the job in Python would start. Reads the file list from FILE
(one path a line). Prints the number of documents loaded."""
import sys

import yaml


def main():
    with open(sys.argv[1], encoding="utf-8") as listing:
        paths = [line.rstrip("\n") for line in listing if line.strip()]
    loaded = 0
    for path in paths:
        with open(path, "rb") as file:
            document = yaml.load(file.read(), Loader=yaml.CSafeLoader)
        if document is not None:
            loaded += 1
    print(f"pyyaml: {loaded} documents")


if __name__ == "__main__":
    main()
