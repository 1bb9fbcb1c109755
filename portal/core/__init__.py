"""The core pages and what every page type shares: blocks, formatting, pictures, structured
data, public addresses, slugs, the page tree and the site structure."""
