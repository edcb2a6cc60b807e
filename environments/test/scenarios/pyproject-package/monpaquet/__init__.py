GREETING = "bonjour"
