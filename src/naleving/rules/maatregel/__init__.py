"""The maatregel (verlaging van de bijstand, Pw 18): the obligation catalogue, the request and response of
decision-contract.md "Maatregel (kind: maatregel)", their parsing and checks, and the rules in order."""
