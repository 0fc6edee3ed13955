-- HEAD instead of GET, the other headers as given on the command line.
wrk.method = "HEAD"
