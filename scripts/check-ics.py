#!/usr/bin/python3
"""Parses iCalendar files with Debian's python3-icalendar (a parser we did not write) and
fails on any component error. Used by the tests: scripts/check-ics.py FILE..."""
import sys

import icalendar


def check(path):
    with open(path, 'rb') as f:
        data = f.read()
    calendar = icalendar.Calendar.from_ical(data)
    problems = []
    events = 0
    for component in calendar.walk():
        for prop, error in getattr(component, 'errors', []):
            problems.append(f'{path}: {component.name}: {prop}: {error}')
        if component.name == 'VEVENT':
            events += 1
            for required in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'):
                if required not in component:
                    problems.append(f'{path}: VEVENT without {required}')
    return events, problems


def main():
    problems = []
    for path in sys.argv[1:]:
        events, found = check(path)
        problems.extend(found)
        print(f'{path}: {events} events')
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
