from setuptools import setup
setup(name="monpaquet", version="1.0", packages=["monpaquet"])
